import { Arg, ID, Resolver, Root, Subscription } from 'type-graphql';
import { Guard } from '../../platform/auth/guard';
import { principalOf } from '../../platform/context/context';
import { liveState } from '../../platform/subscriptions/live-state';
import { leadsGuard } from '../lead-settings.service';
import { LeadImport, LeadImportStatus } from './lead-import.entity';
import { leadImportChangedTopic } from './lead-import.topic';

/**
 * An import's status and progress as a live state: the current one on subscribe (so a subscriber that comes after
 * the job finished still learns it), then after every committed batch and at the end. Loaded with the query's own
 * method (the same reach: the member who started it, MANAGER and above, the workspace's API keys).
 */
const progressOf = liveState({
  topic: leadImportChangedTopic,
  concerns: (event, args: { id: string }) => event.importIds.includes(args.id),
  load: (context, args) => context.services.leadImports.get(principalOf(context), args.id),
  signature: (leadImport: LeadImport) =>
    [leadImport.status, leadImport.rowsTotal, leadImport.rowsRead, leadImport.createdCount, leadImport.updatedCount, leadImport.skippedCount, leadImport.failedCount].join(','),
  present: (leadImport) => leadImport,
});

@Resolver()
export class LeadImportSubscriptionResolver {
  @Guard(leadsGuard.read)
  @Subscription(() => LeadImport, {
    subscribe: progressOf,
    description:
      'Any member, or an API key with leads:read (else FORBIDDEN). A lead import as it progresses: pushed first on subscribe ' +
      '(its current state), then after every committed batch and when it ends (status DONE or FAILED: nothing more comes), on ' +
      'every server instance; polling leadImport(id) gives the same. Errors: NOT_FOUND for an import outside the caller\'s ' +
      `reach (another workspace, another member's import). Statuses: ${Object.values(LeadImportStatus).join(', ')}.`,
  })
  leadImportProgress(@Root() leadImport: LeadImport, @Arg('id', () => ID, { description: 'The import id (from POST /imports or importLeads).' }) _id: string): LeadImport {
    return leadImport;
  }
}
