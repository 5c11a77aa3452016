import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import { Role } from '../identity/roles';
import { Guard } from '../platform/auth/guard';
import { principalOf, type RequestContext } from '../platform/context/context';
import { TimelineEntry } from '../platform/timeline/timeline-entry.entity';
import { AddCommentInput } from './account.inputs';

@Resolver()
export class CommentsResolver {
  @Guard({ scope: 'accounts:write', role: Role.MEMBER })
  @Mutation(() => TimelineEntry, {
    description:
      'Requires MEMBER or above, or an API key with accounts:write (else FORBIDDEN). Adds a COMMENT_ADDED entry to the ' +
      'timeline of a record (and of its account). Errors: NOT_FOUND for a record outside the caller\'s reach; ' +
      'BAD_USER_INPUT (input.body empty or too long).',
  })
  addComment(@Arg('input', { description: 'The record and the comment.' }) input: AddCommentInput, @Ctx() context: RequestContext): Promise<TimelineEntry> {
    return context.services.comments.addComment(principalOf(context), input.recordId, input.body);
  }
}
