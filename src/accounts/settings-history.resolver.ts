import { Args, Ctx, Query, Resolver } from 'type-graphql';
import { Role } from '../identity/roles';
import { Guard } from '../platform/auth/guard';
import { principalOf, type RequestContext } from '../platform/context/context';
import { connectionComplexity } from '../platform/pagination/connection';
import { RecordType } from '../platform/timeline/timeline-entry.entity';
import { TimelineArgs, TimelineConnection } from '../platform/timeline/timeline.types';

@Resolver()
export class SettingsHistoryResolver {
  @Guard({ scope: 'accounts:read', role: Role.ADMIN })
  @Query(() => TimelineConnection, {
    description:
      'Changes to the settings lists (SETTING_CREATED, SETTING_UPDATED, SETTING_ARCHIVED, with data.list and data.name) ' +
      'and to the workspace settings (WORKSPACE_UPDATED), newest first. Requires ADMIN or above, or an API key with ' +
      'accounts:read (else FORBIDDEN). Errors: BAD_USER_INPUT (page size, INVALID_CURSOR).',
    complexity: connectionComplexity,
  })
  settingsHistory(@Args() args: TimelineArgs, @Ctx() context: RequestContext): Promise<TimelineConnection> {
    return context.services.timeline.pageOfTypes(principalOf(context), [RecordType.SETTING, RecordType.WORKSPACE], args);
  }
}
