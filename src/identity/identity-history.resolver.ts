import { Args, Ctx, Query, Resolver } from 'type-graphql';
import { Guard } from '../platform/auth/guard';
import { principalOf, type RequestContext } from '../platform/context/context';
import { connectionComplexity } from '../platform/pagination/connection';
import { RecordType } from '../platform/timeline/timeline-entry.entity';
import { TimelineArgs, TimelineConnection } from '../platform/timeline/timeline.types';
import { Role } from './roles';

@Resolver()
export class IdentityHistoryResolver {
  @Guard({ scope: 'identity:read', role: Role.ADMIN })
  @Query(() => TimelineConnection, {
    description:
      'Identity changes, newest first: members invited, updated (role, access scope, teams) and removed; teams ' +
      'created; API keys created and revoked. Kinds: MEMBER_INVITED, MEMBER_UPDATED, MEMBER_REMOVED, TEAM_CREATED, ' +
      'API_KEY_CREATED, API_KEY_REVOKED. Requires ADMIN or above, or an API key with identity:read (else FORBIDDEN). ' +
      'Errors: BAD_USER_INPUT (page size, INVALID_CURSOR).',
    complexity: connectionComplexity,
  })
  identityHistory(@Args() args: TimelineArgs, @Ctx() context: RequestContext): Promise<TimelineConnection> {
    return context.services.timeline.pageOfTypes(principalOf(context), [RecordType.MEMBER, RecordType.TEAM, RecordType.API_KEY], args);
  }
}
