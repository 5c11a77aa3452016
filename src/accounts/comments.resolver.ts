import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import { Role } from '../identity/roles';
import { Guard } from '../platform/auth/guard';
import { principalOf, type RequestContext } from '../platform/context/context';
import { TimelineEntry } from '../platform/timeline/timeline-entry.entity';
import { AddCommentInput } from './account.inputs';

@Resolver()
export class CommentsResolver {
  @Guard({ scope: 'accounts:write', role: Role.MEMBER })
  @Mutation(() => TimelineEntry, { description: 'Requires MEMBER or above. Adds a comment to the timeline of a record (and of its account).' })
  addComment(@Arg('input') input: AddCommentInput, @Ctx() context: RequestContext): Promise<TimelineEntry> {
    return context.services.comments.addComment(principalOf(context), input.recordId, input.body);
  }
}
