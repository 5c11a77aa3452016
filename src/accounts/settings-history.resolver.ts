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
    description: 'Changes to the settings lists and to the workspace settings, newest first (ADMIN or OWNER).',
    complexity: connectionComplexity,
  })
  settingsHistory(@Args() args: TimelineArgs, @Ctx() context: RequestContext): Promise<TimelineConnection> {
    return context.services.timeline.pageOfTypes(principalOf(context), [RecordType.SETTING, RecordType.WORKSPACE], args);
  }
}
