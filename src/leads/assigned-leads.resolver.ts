import { Arg, Args, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { Membership } from '../identity/identity.public';
import { Guard } from '../platform/auth/guard';
import type { RequestContext } from '../platform/context/context';
import { ConnectionArgs, connectionComplexity } from '../platform/pagination/connection';
import { leadsGuard } from './lead-settings.service';
import { LeadFilter } from './lead.filter';
import { LeadConnection } from './leads.types';

/**
 * Member.assignedLeads: a member's leads in their activity, as the viewer may see them (the lead rule of
 * record-scope.ts), batched per request (one statement per batch of members and filter).
 */
@Resolver(() => Membership)
export class MemberAssignedLeadsResolver {
  @Guard(leadsGuard.read)
  @FieldResolver(() => LeadConnection, {
    nullable: true,
    description:
      'The leads assigned to this member that the caller may see, newest first (ordered otherwise: `leads(filter: { assigneeId })`). ' +
      'Null (with a FORBIDDEN error) for an API key without leads:read.',
    complexity: connectionComplexity,
  })
  assignedLeads(
    @Root() member: Membership,
    @Args() page: ConnectionArgs,
    @Arg('filter', () => LeadFilter, { nullable: true, description: 'Conditions on the leads (e.g. status NEW); default: every one.' }) filter: LeadFilter | null,
    @Ctx() context: RequestContext,
  ): Promise<LeadConnection> {
    // The first-N loader keys a batch by its top-level arguments: the filter goes in as JSON too, so two different
    // filters in one request never share a batch.
    return context.loaders.leads.ofAssignee.load({ parentId: member.id, args: { ...page, filter, filterKey: JSON.stringify(filter ?? null) } });
  }
}
