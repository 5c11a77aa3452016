import { Arg, Args, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Membership, Team } from '../identity/identity.public';
import { Actor, actorOf } from '../platform/auth/actor.types';
import { Guard } from '../platform/auth/guard';
import { UpsertRowResult } from '../platform/bulk/upsert-rows';
import { principalOf, type RequestContext } from '../platform/context/context';
import { ConnectionArgs, connectionComplexity } from '../platform/pagination/connection';
import { settingsListResolver } from '../platform/settings/settings-list.resolver';
import { TimelineArgs, TimelineConnection } from '../platform/timeline/timeline.types';
import { DUPLICATES_DEFAULT_FIRST, DUPLICATES_MAX_FIRST } from './duplicates.service';
import { DuplicateCandidate } from './duplicates.types';
import { LeadAssignmentRule } from './lead-assignment-rule.entity';
import { leadAssignmentRules } from './lead-routing.service';
import { LeadCloseReason, LeadSource } from './lead-settings.entity';
import { leadCloseReasons, leadSources, leadsGuard } from './lead-settings.service';
import { Lead } from './lead.entity';
import { LeadFilter, LeadOrder } from './lead.filter';
import { AssignLeadInput, CloseLeadInput, CreateLeadInput, UpdateLeadInput, UpsertLeadsInput } from './lead.inputs';
import { ConvertLeadInput } from './lead-conversion.inputs';
import { LeadConnection } from './leads.types';
import { Account, Contact } from '../accounts/accounts.public';
import { Deal } from '../deals/deals.public';

const WRITE = 'Requires MEMBER or above, or an API key with leads:write (else FORBIDDEN).';
const REACH = 'NOT_FOUND for a lead outside the caller\'s reach (another workspace; for OWN / TEAM scope, not assigned to them or their team).';

@Resolver(() => LeadSource)
export class LeadSourcesResolver extends settingsListResolver(leadSources, (services) => services.leadSources) {}

@Resolver(() => LeadCloseReason)
export class LeadCloseReasonsResolver extends settingsListResolver(leadCloseReasons, (services) => services.leadCloseReasons) {}

@Resolver(() => LeadAssignmentRule)
export class LeadAssignmentRulesResolver extends settingsListResolver(leadAssignmentRules, (services) => services.leadAssignmentRules) {
  @FieldResolver(() => LeadSource, { nullable: true, description: 'The source the rule is limited to; null: any source.' })
  source(@Root() rule: LeadAssignmentRule, @Ctx() context: RequestContext): Promise<LeadSource | null> | null {
    return rule.sourceId ? context.loaders.leads.source.load(rule.sourceId) : null;
  }

  @FieldResolver(() => Team, { nullable: true, description: 'The rule\'s team (ROUND_ROBIN: who takes turns).' })
  team(@Root() rule: LeadAssignmentRule, @Ctx() context: RequestContext): Promise<Team | null> | null {
    return rule.teamId ? context.loaders.leads.team.load(rule.teamId) : null;
  }

  @FieldResolver(() => Membership, { nullable: true, description: 'FIXED: who every matching lead goes to.' })
  assignee(@Root() rule: LeadAssignmentRule, @Ctx() context: RequestContext): Promise<Membership | null> | null {
    return rule.assigneeMembershipId ? context.loaders.identity.membership.load(rule.assigneeMembershipId) : null;
  }
}

@Resolver(() => Lead)
export class LeadsResolver {
  @Guard(leadsGuard.read)
  @Query(() => Lead, { description: `A lead the caller may see (closed and converted ones included). Any member (leads:read). ${REACH}` })
  lead(@Arg('id', () => ID, { description: 'The lead id.' }) id: string, @Ctx() context: RequestContext): Promise<Lead> {
    return context.services.leads.get(principalOf(context), id);
  }

  @Guard(leadsGuard.read)
  @Query(() => LeadConnection, {
    description:
      'Leads the caller may see (OWN: assigned to them; TEAM: to them, a teammate or their teams; ALL and API keys: every one; ' +
      'unassigned ones: MANAGER+ and the routing team), newest first unless orderBy says otherwise. Any member (leads:read).',
    complexity: connectionComplexity,
  })
  leads(
    @Args() page: ConnectionArgs,
    @Arg('filter', () => LeadFilter, { nullable: true, description: 'Conditions; default: every visible lead.' }) filter: LeadFilter | null,
    @Arg('orderBy', () => [LeadOrder], { nullable: true, description: 'Default: CREATED_AT descending; the id breaks ties.' }) orderBy: LeadOrder[] | null,
    @Ctx() context: RequestContext,
  ): Promise<LeadConnection> {
    return context.services.leads.list(principalOf(context), { ...page, filter, orderBy });
  }

  @Guard(leadsGuard.read)
  @Query(() => [DuplicateCandidate], {
    description:
      'Leads, contacts and accounts the caller may see that may be the same party: a shared email, phone (E.164) or tax id, ' +
      'or a similar name (trigram), best first; archived accounts and contacts and converted leads are left out. At least one ' +
      'argument. Any member (leads:read; an API key also needs accounts:read for contacts and accounts). BAD_USER_INPUT for ' +
      'none, or an invalid email, phone or tax id.',
  })
  findDuplicates(
    @Arg('email', () => String, { nullable: true, description: 'An email address (case ignored).' }) email: string | null,
    @Arg('phone', () => String, { nullable: true, description: 'Any common format; local numbers read with the workspace\'s default country.' }) phone: string | null,
    @Arg('taxId', () => String, { nullable: true, description: 'Spaces, dots, dashes and slashes ignored.' }) taxId: string | null,
    @Arg('name', () => String, { nullable: true, description: 'A company or person name, at least 3 characters; accents and case ignored.' }) name: string | null,
    @Arg('first', () => Int, { defaultValue: DUPLICATES_DEFAULT_FIRST, description: `How many candidates (1 to ${DUPLICATES_MAX_FIRST}).` }) first: number,
    @Ctx() context: RequestContext,
  ): Promise<DuplicateCandidate[]> {
    return context.services.duplicates.find(principalOf(context), { email, phone, taxId, name, first });
  }

  @Guard(leadsGuard.write)
  @Mutation(() => Lead, {
    description:
      `${WRITE} Creates a NEW lead (select its \`duplicates\` to see who it may already be); without assigneeId the assignment rules route it. BAD_USER_INPUT for invalid fields, an unusable ` +
      'source, an inactive assignee or a foreign team; FORBIDDEN (ROLE_REQUIRED) when a MEMBER names another assignee.',
  })
  createLead(@Arg('input', { description: 'What to do (see CreateLeadInput).' }) input: CreateLeadInput, @Ctx() context: RequestContext): Promise<Lead> {
    return context.services.leads.create(principalOf(context), input);
  }

  @Guard(leadsGuard.write)
  @Mutation(() => Lead, {
    description: `${WRITE} ${REACH} CONFLICT: VERSION_MISMATCH, or LEAD_CLOSED for a closed or converted lead; BAD_USER_INPUT as createLead.`,
  })
  updateLead(@Arg('input', { description: 'What to do (see UpdateLeadInput).' }) input: UpdateLeadInput, @Ctx() context: RequestContext): Promise<Lead> {
    return context.services.leads.update(principalOf(context), input);
  }

  @Guard(leadsGuard.write)
  @Mutation(() => Lead, {
    description:
      `${WRITE} MANAGER and above (and API keys) assign to any active member, unassign and change the routing team; a MEMBER may only ` +
      `claim for themselves a lead that is unassigned (FORBIDDEN, ROLE_REQUIRED, otherwise). ${REACH} CONFLICT: VERSION_MISMATCH, LEAD_CLOSED.`,
  })
  assignLead(@Arg('input', { description: 'What to do (see AssignLeadInput).' }) input: AssignLeadInput, @Ctx() context: RequestContext): Promise<Lead> {
    return context.services.leads.assign(principalOf(context), input);
  }

  @Guard(leadsGuard.write)
  @Mutation(() => Lead, {
    description: `${WRITE} Marks an open lead CLOSED with a result, an optional reason and note. ${REACH} CONFLICT: VERSION_MISMATCH, LEAD_CLOSED (already closed or converted); BAD_USER_INPUT for an unusable reason.`,
  })
  closeLead(@Arg('input', { description: 'What to do (see CloseLeadInput).' }) input: CloseLeadInput, @Ctx() context: RequestContext): Promise<Lead> {
    return context.services.leads.close(principalOf(context), input);
  }

  @Guard(leadsGuard.write)
  @Mutation(() => Lead, {
    description:
      `${WRITE} An API key also needs accounts:write (and deals:write with a deal). Converts an open lead in one transaction: ` +
      'links or creates the account (at least PROSPECT), the contact (of that account) and the deal (sourceLeadId set, convertedBy credited), ' +
      'moves the lead\'s documents and history to the account and marks it CONVERTED, crediting the caller (an API key: the assignee). ' +
      `${REACH} NOT_FOUND also for an account or contact outside reach (nothing is written). CONFLICT: LEAD_ALREADY_CONVERTED (converted ` +
      'before, or a concurrent conversion won), LEAD_CLOSED, VERSION_MISMATCH. BAD_USER_INPUT (extensions.fields under input.account.new, ' +
      'input.contact.new, input.deal) as createAccount, createContact and createDeal, or for a contact of another account.',
  })
  async convertLead(@Arg('input', { description: 'What to do (see ConvertLeadInput).' }) input: ConvertLeadInput, @Ctx() context: RequestContext): Promise<Lead> {
    return (await context.services.leadConversions.convert(principalOf(context), input)).lead;
  }

  @Guard(leadsGuard.write)
  @Mutation(() => [UpsertRowResult], {
    description:
      `${WRITE} Creates or updates up to 1,000 leads by externalId (BAD_USER_INPUT over 1,000); one result per row, in input order. ` +
      'New leads without assigneeId are routed as createLead\'s; a lead outside the caller\'s reach is "already in use".',
  })
  upsertLeads(@Arg('input', { description: 'What to do (see UpsertLeadsInput).' }) input: UpsertLeadsInput, @Ctx() context: RequestContext): Promise<UpsertRowResult[]> {
    return context.services.leadUpserts.upsert(principalOf(context), input.rows);
  }

  @FieldResolver(() => LeadSource, { description: 'Where it came from (archived sources included).' })
  async source(@Root() lead: Lead, @Ctx() context: RequestContext): Promise<LeadSource | null> {
    return context.loaders.leads.source.load(lead.sourceId);
  }

  @FieldResolver(() => Membership, { nullable: true, description: 'The member working it; null while unassigned.' })
  assignee(@Root() lead: Lead, @Ctx() context: RequestContext): Promise<Membership | null> | null {
    return lead.assigneeMembershipId ? context.loaders.identity.membership.load(lead.assigneeMembershipId) : null;
  }

  @FieldResolver(() => Team, { nullable: true, description: 'The routing team: its members see the lead while it is unassigned.' })
  team(@Root() lead: Lead, @Ctx() context: RequestContext): Promise<Team | null> | null {
    return lead.teamId ? context.loaders.leads.team.load(lead.teamId) : null;
  }

  @FieldResolver(() => LeadCloseReason, { nullable: true, description: 'Why it was closed, when a reason was given.' })
  closeReason(@Root() lead: Lead, @Ctx() context: RequestContext): Promise<LeadCloseReason | null> | null {
    return lead.closeReasonId ? context.loaders.leads.closeReason.load(lead.closeReasonId) : null;
  }

  @FieldResolver(() => Membership, { nullable: true, description: 'The member credited with the conversion (commissions); null until converted.' })
  convertedBy(@Root() lead: Lead, @Ctx() context: RequestContext): Promise<Membership | null> | null {
    return lead.convertedByMembershipId ? context.loaders.identity.membership.load(lead.convertedByMembershipId) : null;
  }

  @FieldResolver(() => Account, { nullable: true, description: 'The account it was converted into; null until converted or when outside the caller\'s portfolio.' })
  convertedAccount(@Root() lead: Lead, @Ctx() context: RequestContext): Promise<Account | null> | null {
    return lead.convertedAccountId ? context.loaders.accounts.account.load(lead.convertedAccountId) : null;
  }

  @FieldResolver(() => Contact, { nullable: true, description: 'The contact it was converted into; null when none or outside the caller\'s reach.' })
  convertedContact(@Root() lead: Lead, @Ctx() context: RequestContext): Promise<Contact | null> | null {
    return lead.convertedContactId ? context.loaders.contacts.contact.load(lead.convertedContactId) : null;
  }

  @FieldResolver(() => Deal, { nullable: true, description: 'The deal its conversion created; null when none or outside the caller\'s reach.' })
  convertedDeal(@Root() lead: Lead, @Ctx() context: RequestContext): Promise<Deal | null> | null {
    return lead.convertedDealId ? context.loaders.deals.deal.load(lead.convertedDealId) : null;
  }

  @FieldResolver(() => [DuplicateCandidate], {
    description:
      `Up to ${DUPLICATES_DEFAULT_FIRST} leads, contacts and accounts the caller may see that may be the same party as this lead ` +
      '(its emails, phones, company, person and title), best first (as findDuplicates).',
  })
  duplicates(@Root() lead: Lead, @Ctx() context: RequestContext): Promise<DuplicateCandidate[]> {
    return context.loaders.leads.duplicates.load(lead);
  }

  @FieldResolver(() => TimelineConnection, {
    description: 'History of the lead (created, changed, assigned, closed, comments, documents), newest first.',
    complexity: connectionComplexity,
  })
  timeline(@Root() lead: Lead, @Args() args: TimelineArgs, @Ctx() context: RequestContext): Promise<TimelineConnection> {
    return context.loaders.leads.timeline.load({ parentId: lead.id, args });
  }

  @FieldResolver(() => Actor, { description: 'Who created it (a member or an API key).' })
  createdBy(@Root() lead: Lead): Actor {
    return actorOf(lead.createdBy);
  }

  @FieldResolver(() => Actor, { description: 'Who changed it last.' })
  updatedBy(@Root() lead: Lead): Actor {
    return actorOf(lead.updatedBy);
  }
}
