import {
  freshAccount,
  freshApiKey,
  freshContact,
  freshClosedDeal,
  freshDeal,
  freshDealWithKey,
  freshDealLine,
  freshDocument,
  freshFollowUp,
  freshAssignmentRule,
  freshInterest,
  freshLead,
  freshLeadImport,
  freshLeadUpload,
  ownLead,
  freshLink,
  freshMember,
  freshPipeline,
  freshProduct,
  freshSettingName,
  VICTIM_NAME,
  type Sweep,
} from './isolation-sweep.fixture';

/** Who calls: another workspace's OWNER, or someone of the victim's workspace whose portfolio lacks the record. */
export type Caller = 'awayOwner' | 'ownMember' | 'teamManager';

/**
 * NOT_FOUND / BAD_USER_INPUT: that error and no data. ROW_ERROR: every upsert row is an ERROR. LEFT_OUT: an
 * answer without the victim's records (and, for connections, a totalCount that counts only what is listed).
 * Whatever the outcome, the answer's data names no victim id and a mutation writes nothing anywhere.
 */
export type Outcome = 'NOT_FOUND' | 'BAD_USER_INPUT' | 'ROW_ERROR' | 'LEFT_OUT';

export type Variables = Record<string, unknown>;

export interface Probe {
  document: string;
  /** The variables of each call; mutating probes build their own fresh target records here. */
  calls: (s: Sweep) => Promise<Variables[]>;
  outcome: Outcome;
  /** Defaults: awayOwner for otherWorkspace, ownMember for outOfScope. */
  caller?: Caller;
  overWebSocket?: boolean;
}

export interface NotApplicable {
  notApplicable: string;
}

export type SweepEntry =
  | NotApplicable
  | {
      /** Called with ids of another workspace (several probes when the calls differ in outcome). */
      otherWorkspace: Probe | Probe[];
      /** Called by a member of the same workspace whose portfolio lacks the record. */
      outOfScope: Probe | Probe[] | NotApplicable;
    };

const calls =
  (...variableSets: ((s: Sweep) => Variables | Promise<Variables>)[]) =>
  (s: Sweep): Promise<Variables[]> =>
    Promise.all(variableSets.map((build) => build(s)));

const PUBLIC = { notApplicable: 'public: callable without credentials, reads or writes no workspace record by id' };
const BY_SECRET = { notApplicable: 'public: keyed by a secret token, not by a record id' };
const WORKSPACE_LEVEL = { notApplicable: 'workspace-level, not part of any portfolio: every member of the workspace may reach it (by role)' };
const CREATES_WITHOUT_IDS = { notApplicable: "creates in the caller's own workspace and takes no ids" };

const notFound = (document: string, build: (s: Sweep) => Variables | Promise<Variables>, caller?: Caller): Probe => ({
  document,
  calls: calls(build),
  outcome: 'NOT_FOUND',
  caller,
});
const leftOut = (document: string, build: (s: Sweep) => Variables = () => ({})): Probe => ({ document, calls: calls(build), outcome: 'LEFT_OUT' });

const ACCOUNT = 'query ($id: ID!) { account(id: $id) { id name } }';
const ACCOUNTS = `query ($ids: [ID!]) {
  all: accounts(first: 500) { totalCount nodes { id name } }
  archived: accounts(first: 500, filter: { archived: true }) { totalCount nodes { id } }
  targeted: accounts(first: 500, filter: { id: { in: $ids } }) { totalCount nodes { id } }
}`;
const CONTACT = 'query ($id: ID!) { contact(id: $id) { id firstName } }';
const CONTACTS = `query ($ids: [ID!]) {
  all: contacts(first: 500) { totalCount nodes { id firstName } }
  archived: contacts(first: 500, filter: { archived: true }) { totalCount nodes { id } }
  targeted: contacts(first: 500, filter: { id: { in: $ids } }) { totalCount nodes { id } }
}`;
const ACCOUNT_MUTATION = (field: string, input: string) => `mutation ($input: ${input}!) { ${field}(input: $input) { id version } }`;
const CONTACT_MUTATION = ACCOUNT_MUTATION;
const SETTING_MUTATION = (field: string, input: string) => `mutation ($input: ${input}!) { ${field}(input: $input) { id name } }`;
const PRODUCT_MUTATION = ACCOUNT_MUTATION;
const PIPELINE_MUTATION = (field: string, input: string) => `mutation ($input: ${input}!) { ${field}(input: $input) { id version stages { id } } }`;
const HIJACK_PRODUCT = { name: 'Hijack', unitPrice: '1', currency: 'EUR', taxRate: '0', unitOfMeasure: 'unit' };
const SETTINGS_LIST = (field: string) => `query { ${field}(includeArchived: true) { id name } }`;
const WEB_FORM_FIELDS = [{ name: 'email', label: 'Email', type: 'EMAIL', mapsTo: 'EMAIL' }];
/** A fresh web form of home (created by its admin). */
async function freshWebForm(s: Sweep): Promise<string> {
  const answer = await s.t.post(
    JSON.stringify({ query: SETTING_MUTATION('createWebForm', 'CreateWebFormInput'), variables: { input: { name: freshSettingName(), fields: WEB_FORM_FIELDS } } }),
    { authorization: `Bearer ${s.home.admin.token}` },
  );
  return (answer.json as { data: { createWebForm: { id: string } } }).data.createWebForm.id;
}

const DEAL = 'query ($id: ID!) { deal(id: $id) { id title } }';
const DEALS = `query ($ids: [ID!], $accounts: [ID!]) {
  all: deals(first: 500) { totalCount nodes { id title } }
  targeted: deals(first: 500, filter: { id: { in: $ids } }) { totalCount nodes { id } }
  byAccount: deals(first: 500, filter: { accountId: { in: $accounts } }) { totalCount nodes { id } }
}`;
const DEAL_MUTATION = (field: string, input: string) => `mutation ($input: ${input}!) { ${field}(input: $input) { id version } }`;
const HIJACK_LINE = { name: 'Hijack', quantity: '1', unitPrice: '1', taxRate: '0' };
const victimDeals = (s: Sweep): Variables => ({ ids: [s.deal], accounts: [s.account.id] });
const victimAccounts = (s: Sweep): Variables => ({ ids: [s.account.id, s.otherAccount] });
const LEAD = 'query ($id: ID!) { lead(id: $id) { id title } }';
const IMPORT_LEADS = 'mutation ($input: ImportLeadsInput!) { importLeads(input: $input) { id status } }';
const LEAD_IMPORT = 'query ($id: ID!) { leadImport(id: $id) { id status rows(first: 5) { totalCount nodes { rowNumber leadId } } } }';
const LEADS = `query ($ids: [ID!], $source: ID!) {
  all: leads(first: 500) { totalCount nodes { id title } }
  targeted: leads(first: 500, filter: { id: { in: $ids } }) { totalCount nodes { id } }
  bySource: leads(first: 500, filter: { sourceId: { eq: $source } }) { totalCount nodes { id } }
}`;
const LEAD_MUTATION = ACCOUNT_MUTATION;
const victimLeads = (s: Sweep): Variables => ({ ids: [s.lead.id], source: s.leadSource });
// The victims' keys: the lead's and contact's emails, the account's tax id, and the shared name prefix.
const DUPLICATES = `query {
  lead: findDuplicates(email: "victim.lead@home.example", first: 50) { id type lead { id } }
  contact: findDuplicates(email: "victim@home.example", first: 50) { id type contact { id } }
  account: findDuplicates(taxId: "B99887766", first: 50) { id type account { id } }
  name: findDuplicates(name: "${VICTIM_NAME}", first: 50) { id type }
}`;
const victimKeys = (): Variables => ({});
const DOCUMENT = 'query ($id: ID!) { document(id: $id) { id fileName } }';
const DOCUMENTS = 'query ($id: ID!) { documents(recordId: $id) { totalCount nodes { id } } }';
const FOLLOW_UP = 'query ($id: ID!) { followUp(id: $id) { id subject chain { id } } }';
const FOLLOW_UPS = `query ($ids: [ID!], $accounts: [ID!]) {
  all: followUps(first: 500) { totalCount nodes { id subject } }
  targeted: followUps(first: 500, filter: { id: { in: $ids } }) { totalCount nodes { id } }
  byAccount: followUps(first: 500, filter: { accountId: { in: $accounts } }) { totalCount nodes { id } }
  byRecord: followUps(first: 500, filter: { recordId: { in: $accounts } }) { totalCount nodes { id } }
}`;
const victimFollowUps = (s: Sweep): Variables => ({ ids: [s.followUp], accounts: [s.account.id] });
const FOLLOW_UP_MUTATION = (field: string, input: string) => `mutation ($input: ${input}!) { ${field}(input: $input) { id version } }`;
const followUpCommand = (field: string, input: string, build: (id: string, s: Sweep) => Variables): SweepEntry => ({
  otherWorkspace: notFound(FOLLOW_UP_MUTATION(field, input), async (s) => ({ input: build(await freshFollowUp(s), s) })),
  outOfScope: [
    notFound(FOLLOW_UP_MUTATION(field, input), async (s) => ({ input: build(await freshFollowUp(s), s) })),
    notFound(FOLLOW_UP_MUTATION(field, input), async (s) => ({ input: build(await freshFollowUp(s), s) }), 'teamManager'),
  ],
});
// Entries written on a follow-up (addObservation, logFollowUpActivity): whoever cannot see it gets NOT_FOUND.
const ENTRY_MUTATION = (field: string, input: string) => `mutation ($input: ${input}!) { ${field}(input: $input) { followUp { id version } } }`;
const followUpEntryCommand = (field: string, input: string, build: (id: string, s: Sweep) => Variables | Promise<Variables>): SweepEntry => ({
  otherWorkspace: notFound(ENTRY_MUTATION(field, input), async (s) => ({ input: await build(await freshFollowUp(s), s) })),
  outOfScope: [
    notFound(ENTRY_MUTATION(field, input), async (s) => ({ input: await build(await freshFollowUp(s), s) })),
    notFound(ENTRY_MUTATION(field, input), async (s) => ({ input: await build(await freshFollowUp(s), s) }), 'teamManager'),
  ],
});
const homeActivityDefinition = async (s: Sweep): Promise<string> =>
  ((await s.t.app.db.query('SELECT id FROM follow_up_activity_definitions WHERE workspace_id = $1 ORDER BY name LIMIT 1', [s.home.workspaceId])) as { id: string }[])[0].id;
const NEXT = { subject: 'Hijack', dueAt: '2030-01-01T09:00:00Z' };
// The victim's follow-ups are due tomorrow: a window around now, for the victim's assignee and everyone.
const AGENDA = `query ($from: DateTime!, $to: DateTime!, $assignees: [ID!]) {
  theirs: agenda(from: $from, to: $to, assigneeIds: $assignees) { date followUps { id subject } }
  mine: agenda(from: $from, to: $to) { date followUps { id subject } }
}`;
const victimAgenda = (s: Sweep): Variables => ({
  from: new Date(Date.now() - 86_400_000).toISOString(),
  to: new Date(Date.now() + 30 * 86_400_000).toISOString(),
  assignees: [s.home.member.memberId],
});
const AGENDA_LIVE = `subscription ($from: DateTime!, $to: DateTime!, $assignees: [ID!]) {
  agendaChanged(from: $from, to: $to, assigneeIds: $assignees) { entered days { date followUps { id subject } } }
}`;
const victimContacts = (s: Sweep): Variables => ({ ids: [s.contact.id, s.looseContact] });

export const SWEEP: Record<string, SweepEntry> = {
  // ---- queries ----
  'Query.serverVersion': PUBLIC,
  'Query.me': { notApplicable: 'the caller itself: takes no id' },
  'Query.account': { otherWorkspace: notFound(ACCOUNT, (s) => ({ id: s.account.id })), outOfScope: notFound(ACCOUNT, (s) => ({ id: s.account.id })) },
  'Query.accounts': { otherWorkspace: leftOut(ACCOUNTS, victimAccounts), outOfScope: leftOut(ACCOUNTS, victimAccounts) },
  'Query.contact': {
    otherWorkspace: { document: CONTACT, calls: calls((s) => ({ id: s.contact.id }), (s) => ({ id: s.looseContact })), outcome: 'NOT_FOUND' },
    outOfScope: { document: CONTACT, calls: calls((s) => ({ id: s.contact.id }), (s) => ({ id: s.looseContact })), outcome: 'NOT_FOUND' },
  },
  'Query.contacts': { otherWorkspace: leftOut(CONTACTS, victimContacts), outOfScope: leftOut(CONTACTS, victimContacts) },
  'Query.document': {
    otherWorkspace: { document: DOCUMENT, calls: calls((s) => ({ id: s.document }), (s) => ({ id: s.followUpDocument })), outcome: 'NOT_FOUND' },
    outOfScope: [
      { document: DOCUMENT, calls: calls((s) => ({ id: s.document }), (s) => ({ id: s.followUpDocument })), outcome: 'NOT_FOUND' },
      // A follow-up's document is as visible as the follow-up, which the TEAM manager does not see.
      notFound(DOCUMENT, (s) => ({ id: s.followUpDocument }), 'teamManager'),
    ],
  },
  'Query.documents': {
    otherWorkspace: { document: DOCUMENTS, calls: calls((s) => ({ id: s.account.id }), (s) => ({ id: s.followUp })), outcome: 'NOT_FOUND' },
    outOfScope: [
      { document: DOCUMENTS, calls: calls((s) => ({ id: s.account.id }), (s) => ({ id: s.followUp })), outcome: 'NOT_FOUND' },
      notFound(DOCUMENTS, (s) => ({ id: s.followUp }), 'teamManager'),
    ],
  },
  'Query.search': {
    otherWorkspace: leftOut('query ($q: String!) { search(query: $q, first: 100) { id type title } }', () => ({ q: VICTIM_NAME })),
    outOfScope: leftOut('query ($q: String!) { search(query: $q, first: 100) { id type title } }', () => ({ q: VICTIM_NAME })),
  },
  'Query.member': { otherWorkspace: notFound('query ($id: ID!) { member(id: $id) { id email } }', (s) => ({ id: s.home.member.memberId })), outOfScope: WORKSPACE_LEVEL },
  'Query.members': { otherWorkspace: leftOut('query { members { id email } }'), outOfScope: WORKSPACE_LEVEL },
  'Query.teams': { otherWorkspace: leftOut('query { teams { id name members { id } } }'), outOfScope: WORKSPACE_LEVEL },
  'Query.apiKeys': { otherWorkspace: leftOut('query { apiKeys { id name } }'), outOfScope: WORKSPACE_LEVEL },
  'Query.characteristicDefinitions': { otherWorkspace: leftOut(SETTINGS_LIST('characteristicDefinitions')), outOfScope: WORKSPACE_LEVEL },
  'Query.documentTypes': { otherWorkspace: leftOut(SETTINGS_LIST('documentTypes')), outOfScope: WORKSPACE_LEVEL },
  'Query.interestAreas': { otherWorkspace: leftOut(SETTINGS_LIST('interestAreas')), outOfScope: WORKSPACE_LEVEL },
  'Query.relationshipTypes': { otherWorkspace: leftOut(SETTINGS_LIST('relationshipTypes')), outOfScope: WORKSPACE_LEVEL },
  'Query.product': { otherWorkspace: notFound('query ($id: ID!) { product(id: $id) { id name } }', (s) => ({ id: s.product.id })), outOfScope: WORKSPACE_LEVEL },
  'Query.products': {
    otherWorkspace: leftOut(
      `query ($ids: [ID!], $category: ID!) {
        all: products(first: 500) { totalCount nodes { id name } }
        targeted: products(first: 500, filter: { id: { in: $ids } }) { totalCount nodes { id } }
        inCategory: products(first: 500, filter: { categoryId: { withDescendants: $category } }) { totalCount nodes { id } }
      }`,
      (s) => ({ ids: [s.product.id], category: s.productCategory }),
    ),
    outOfScope: WORKSPACE_LEVEL,
  },
  'Query.deal': { otherWorkspace: notFound(DEAL, (s) => ({ id: s.deal })), outOfScope: notFound(DEAL, (s) => ({ id: s.deal })) },
  'Query.deals': { otherWorkspace: leftOut(DEALS, victimDeals), outOfScope: leftOut(DEALS, victimDeals) },
  'Query.pipelines': { otherWorkspace: leftOut('query { pipelines(includeArchived: true) { id name stages { id name } } }'), outOfScope: WORKSPACE_LEVEL },
  'Query.dealLostReasons': { otherWorkspace: leftOut(SETTINGS_LIST('dealLostReasons')), outOfScope: WORKSPACE_LEVEL },
  'Query.productCategories': { otherWorkspace: leftOut(SETTINGS_LIST('productCategories')), outOfScope: WORKSPACE_LEVEL },
  'Query.lead': { otherWorkspace: notFound(LEAD, (s) => ({ id: s.lead.id })), outOfScope: notFound(LEAD, (s) => ({ id: s.lead.id })) },
  'Query.leadImport': {
    otherWorkspace: notFound(LEAD_IMPORT, async (s) => ({ id: await freshLeadImport(s) })),
    outOfScope: notFound(LEAD_IMPORT, async (s) => ({ id: await freshLeadImport(s) })),
  },
  'Query.leads': { otherWorkspace: leftOut(LEADS, victimLeads), outOfScope: leftOut(LEADS, victimLeads) },
  'Query.findDuplicates': {
    otherWorkspace: leftOut(DUPLICATES, victimKeys),
    outOfScope: leftOut(DUPLICATES, victimKeys),
  },
  'Query.leadSources': { otherWorkspace: leftOut(SETTINGS_LIST('leadSources')), outOfScope: WORKSPACE_LEVEL },
  'Query.leadCloseReasons': { otherWorkspace: leftOut(SETTINGS_LIST('leadCloseReasons')), outOfScope: WORKSPACE_LEVEL },
  'Query.leadAssignmentRules': { otherWorkspace: leftOut(SETTINGS_LIST('leadAssignmentRules')), outOfScope: WORKSPACE_LEVEL },
  'Query.webForms': {
    // The victim's workspace gets a form first, so that leaving it out is what is checked.
    otherWorkspace: { document: SETTINGS_LIST('webForms'), calls: calls(async (s) => (await freshWebForm(s), {})), outcome: 'LEFT_OUT' },
    outOfScope: WORKSPACE_LEVEL,
  },
  'Query.followUp': {
    otherWorkspace: notFound(FOLLOW_UP, (s) => ({ id: s.followUp })),
    outOfScope: [notFound(FOLLOW_UP, (s) => ({ id: s.followUp })), notFound(FOLLOW_UP, (s) => ({ id: s.followUp }), 'teamManager')],
  },
  'Query.followUps': { otherWorkspace: leftOut(FOLLOW_UPS, victimFollowUps), outOfScope: leftOut(FOLLOW_UPS, victimFollowUps) },
  'Query.agenda': { otherWorkspace: leftOut(AGENDA, victimAgenda), outOfScope: leftOut(AGENDA, victimAgenda) },
  'Query.activityCounters': {
    otherWorkspace: notFound('query ($id: ID) { activityCounters(memberId: $id) { memberId overdue } }', (s) => ({ id: s.home.member.memberId })),
    outOfScope: {
      notApplicable:
        "counts, names no record: a MEMBER asking for another member is FORBIDDEN, a MANAGER only for members of their teams, " +
        'counting only what they may see (test/follow-ups/agenda.test.ts, test/follow-ups/counters.test.ts)',
    },
  },
  'Query.followUpTypes': { otherWorkspace: leftOut(SETTINGS_LIST('followUpTypes')), outOfScope: WORKSPACE_LEVEL },
  'Query.followUpActivityDefinitions': { otherWorkspace: leftOut(SETTINGS_LIST('followUpActivityDefinitions')), outOfScope: WORKSPACE_LEVEL },
  'Query.followUpSettings': {
    otherWorkspace: leftOut('query { followUpSettings(includeArchived: true) { types { id name } states { id name } activityDefinitions { id name } } }'),
    outOfScope: WORKSPACE_LEVEL,
  },
  'Query.followUpStates': { otherWorkspace: leftOut(SETTINGS_LIST('followUpStates')), outOfScope: WORKSPACE_LEVEL },
  'Query.identityHistory': {
    otherWorkspace: leftOut('query { identityHistory(first: 500) { totalCount nodes { id kind recordId } } }'),
    outOfScope: WORKSPACE_LEVEL,
  },
  'Query.settingsHistory': {
    otherWorkspace: leftOut('query { settingsHistory(first: 500) { totalCount nodes { id kind recordId } } }'),
    outOfScope: WORKSPACE_LEVEL,
  },

  // ---- subscriptions ----
  'Subscription.timelineEventAdded': {
    otherWorkspace: {
      document: 'subscription ($id: ID!) { timelineEventAdded(recordId: $id) { id } }',
      calls: calls((s) => ({ id: s.account.id }), (s) => ({ id: s.followUp })),
      outcome: 'NOT_FOUND',
      overWebSocket: true,
    },
    outOfScope: {
      document: 'subscription ($id: ID!) { timelineEventAdded(recordId: $id) { id } }',
      calls: calls((s) => ({ id: s.account.id }), (s) => ({ id: s.looseContact }), (s) => ({ id: s.followUp })),
      outcome: 'NOT_FOUND',
      overWebSocket: true,
    },
  },

  // The first push is the current state: the victim's follow-ups are left out of it (later pushes: test/follow-ups/live-activity.test.ts).
  'Subscription.agendaChanged': {
    otherWorkspace: { ...leftOut(AGENDA_LIVE, victimAgenda), overWebSocket: true },
    outOfScope: { ...leftOut(AGENDA_LIVE, victimAgenda), overWebSocket: true },
  },
  'Subscription.activityCountersChanged': {
    otherWorkspace: { ...notFound('subscription ($id: ID) { activityCountersChanged(memberId: $id) { memberId overdue } }', (s) => ({ id: s.home.member.memberId })), overWebSocket: true },
    outOfScope: {
      notApplicable:
        'counts, names no record: as activityCounters (a MEMBER asking for another member is FORBIDDEN; test/follow-ups/live-activity.test.ts)',
    },
  },

  'Subscription.leadImportProgress': {
    otherWorkspace: { ...notFound('subscription ($id: ID!) { leadImportProgress(id: $id) { id status } }', async (s) => ({ id: await freshLeadImport(s) })), overWebSocket: true },
    outOfScope: { ...notFound('subscription ($id: ID!) { leadImportProgress(id: $id) { id status } }', async (s) => ({ id: await freshLeadImport(s) })), overWebSocket: true },
  },

  'Subscription.dealChanged': {
    otherWorkspace: { ...notFound('subscription ($id: ID!) { dealChanged(pipelineId: $id) { kind deal { id } } }', (s) => ({ id: s.pipeline.id })), overWebSocket: true },
    outOfScope: {
      notApplicable:
        'a pipeline is workspace-level; each deal is authorized at delivery, and one outside the portfolio is left out ' +
        '(test/deals/deal-subscription.test.ts)',
    },
  },

  // ---- mutations: identity ----
  'Mutation.signUp': PUBLIC,
  'Mutation.logIn': PUBLIC,
  'Mutation.refreshSession': BY_SECRET,
  'Mutation.logOut': BY_SECRET,
  'Mutation.acceptInvitation': BY_SECRET,
  'Mutation.inviteMember': {
    otherWorkspace: {
      document: 'mutation ($input: InviteMemberInput!) { inviteMember(input: $input) { member { id } } }',
      calls: calls((s) => ({ input: { email: `x.${Date.now()}@example.test`, role: 'MEMBER', accessScope: 'ALL', teamIds: [s.home.teamId] } })),
      outcome: 'BAD_USER_INPUT',
    },
    outOfScope: WORKSPACE_LEVEL,
  },
  'Mutation.updateMember': {
    otherWorkspace: notFound('mutation ($input: UpdateMemberInput!) { updateMember(input: $input) { id role } }', async (s) => ({
      input: { memberId: await freshMember(s), role: 'ADMIN' },
    })),
    outOfScope: WORKSPACE_LEVEL,
  },
  'Mutation.removeMember': {
    otherWorkspace: notFound('mutation ($input: RemoveMemberInput!) { removeMember(input: $input) { id status } }', async (s) => ({
      input: { memberId: await freshMember(s) },
    })),
    outOfScope: WORKSPACE_LEVEL,
  },
  'Mutation.createTeam': {
    otherWorkspace: {
      document: 'mutation ($input: CreateTeamInput!) { createTeam(input: $input) { id } }',
      calls: calls((s) => ({ input: { name: freshSettingName(), memberIds: [s.home.member.memberId] } })),
      outcome: 'BAD_USER_INPUT',
    },
    outOfScope: WORKSPACE_LEVEL,
  },
  'Mutation.createApiKey': CREATES_WITHOUT_IDS,
  'Mutation.revokeApiKey': {
    otherWorkspace: notFound('mutation ($input: RevokeApiKeyInput!) { revokeApiKey(input: $input) { id revokedAt } }', async (s) => ({
      input: { id: await freshApiKey(s) },
    })),
    outOfScope: WORKSPACE_LEVEL,
  },
  'Mutation.updateWorkspaceSettings': { notApplicable: "changes the caller's own workspace and takes no ids" },
  'Mutation.setMemberTimeZone': {
    otherWorkspace: notFound('mutation ($input: SetMemberTimeZoneInput!) { setMemberTimeZone(input: $input) { id timeZone } }', async (s) => ({
      input: { memberId: await freshMember(s), timeZone: 'UTC' },
    })),
    outOfScope: WORKSPACE_LEVEL,
  },

  // ---- mutations: accounts ----
  'Mutation.createAccount': {
    otherWorkspace: {
      document: ACCOUNT_MUTATION('createAccount', 'CreateAccountInput'),
      calls: calls(
        (s) => ({ input: { name: 'Hijack', type: 'LEAD', primaryOwnerId: s.home.member.memberId } }),
        (s) => ({ input: { name: 'Hijack', type: 'LEAD', secondaryOwnerIds: [s.home.member.memberId] } }),
        (s) => ({ input: { name: 'Hijack', type: 'LEAD', characteristics: [{ definitionId: s.characteristic, text: 'x' }] } }),
      ),
      outcome: 'BAD_USER_INPUT',
    },
    outOfScope: { notApplicable: "creates a new record in the caller's portfolio; naming colleagues as owners is allowed" },
  },
  'Mutation.updateAccount': {
    otherWorkspace: notFound(ACCOUNT_MUTATION('updateAccount', 'UpdateAccountInput'), async (s) => ({ input: { id: (await freshAccount(s)).id, name: 'Hijack' } })),
    outOfScope: notFound(ACCOUNT_MUTATION('updateAccount', 'UpdateAccountInput'), async (s) => ({ input: { id: (await freshAccount(s)).id, name: 'Hijack' } })),
  },
  'Mutation.archiveAccount': {
    otherWorkspace: notFound(ACCOUNT_MUTATION('archiveAccount', 'RecordVersionInput'), async (s) => ({ input: { id: (await freshAccount(s)).id } })),
    outOfScope: notFound(ACCOUNT_MUTATION('archiveAccount', 'RecordVersionInput'), async (s) => ({ input: { id: (await freshAccount(s)).id } })),
  },
  'Mutation.restoreAccount': {
    otherWorkspace: notFound(ACCOUNT_MUTATION('restoreAccount', 'RecordVersionInput'), async (s) => ({
      input: { id: (await freshAccount(s, { archived: true })).id },
    })),
    outOfScope: notFound(ACCOUNT_MUTATION('restoreAccount', 'RecordVersionInput'), async (s) => ({
      input: { id: (await freshAccount(s, { archived: true })).id },
    })),
  },
  'Mutation.setAccountOwners': {
    otherWorkspace: notFound(ACCOUNT_MUTATION('setAccountOwners', 'SetAccountOwnersInput'), async (s) => ({
      input: { accountId: (await freshAccount(s)).id, primaryOwnerId: s.away.owner.memberId },
    })),
    // Needs MANAGER: a TEAM manager whose team does not own the account.
    outOfScope: notFound(
      ACCOUNT_MUTATION('setAccountOwners', 'SetAccountOwnersInput'),
      async (s) => ({ input: { accountId: (await freshAccount(s)).id, primaryOwnerId: s.home.manager.memberId } }),
      'teamManager',
    ),
  },
  'Mutation.upsertAccounts': {
    otherWorkspace: {
      document: 'mutation ($input: UpsertAccountsInput!) { upsertAccounts(input: $input) { index status id } }',
      calls: calls((s) => ({ input: { rows: [{ externalId: 'HIJACK-1', name: 'Hijack', type: 'LEAD', primaryOwnerId: s.home.member.memberId }] } })),
      outcome: 'ROW_ERROR',
    },
    outOfScope: {
      document: 'mutation ($input: UpsertAccountsInput!) { upsertAccounts(input: $input) { index status id } }',
      calls: calls(async (s) => ({ input: { rows: [{ externalId: (await freshAccount(s)).externalId, name: 'Hijack', type: 'LEAD' }] } })),
      outcome: 'ROW_ERROR',
    },
  },
  'Mutation.addComment': {
    otherWorkspace: {
      document: 'mutation ($input: AddCommentInput!) { addComment(input: $input) { id } }',
      calls: calls(
        (s) => ({ input: { recordId: s.account.id, body: 'x' } }),
        (s) => ({ input: { recordId: s.contact.id, body: 'x' } }),
        (s) => ({ input: { recordId: s.followUp, body: 'x' } }),
      ),
      outcome: 'NOT_FOUND',
    },
    outOfScope: {
      document: 'mutation ($input: AddCommentInput!) { addComment(input: $input) { id } }',
      calls: calls(
        (s) => ({ input: { recordId: s.account.id, body: 'x' } }),
        (s) => ({ input: { recordId: s.looseContact, body: 'x' } }),
        (s) => ({ input: { recordId: s.followUp, body: 'x' } }),
      ),
      outcome: 'NOT_FOUND',
    },
  },
  'Mutation.addAccountRelationship': {
    otherWorkspace: {
      document: 'mutation ($input: AddAccountRelationshipInput!) { addAccountRelationship(input: $input) { id } }',
      calls: calls(
        (s) => ({ input: { fromAccountId: s.account.id, toAccountId: s.otherAccount, typeId: s.relationshipType } }),
        (s) => ({ input: { fromAccountId: s.awayAccount, toAccountId: s.account.id, typeId: s.awayRelationshipType } }),
      ),
      outcome: 'NOT_FOUND',
    },
    outOfScope: notFound('mutation ($input: AddAccountRelationshipInput!) { addAccountRelationship(input: $input) { id } }', (s) => ({
      input: { fromAccountId: s.ownMemberAccount, toAccountId: s.account.id, typeId: s.relationshipType },
    })),
  },
  'Mutation.removeAccountRelationship': {
    otherWorkspace: notFound('mutation ($input: RemoveAccountRelationshipInput!) { removeAccountRelationship(input: $input) { id } }', async (s) => ({
      input: { id: await freshLink(s) },
    })),
    outOfScope: notFound('mutation ($input: RemoveAccountRelationshipInput!) { removeAccountRelationship(input: $input) { id } }', async (s) => ({
      input: { id: await freshLink(s) },
    })),
  },
  'Mutation.setAccountCharacteristic': {
    otherWorkspace: {
      document: ACCOUNT_MUTATION('setAccountCharacteristic', 'SetAccountCharacteristicInput'),
      calls: calls(
        async (s) => ({ input: { accountId: (await freshAccount(s)).id, value: { definitionId: s.characteristic, text: 'x' } } }),
        async (s) => ({ input: { accountId: (await freshAccount(s)).id, value: { definitionId: s.awayCharacteristic, text: 'x' } } }),
      ),
      outcome: 'NOT_FOUND',
    },
    outOfScope: notFound(ACCOUNT_MUTATION('setAccountCharacteristic', 'SetAccountCharacteristicInput'), async (s) => ({
      input: { accountId: (await freshAccount(s)).id, value: { definitionId: s.characteristic, text: 'x' } },
    })),
  },
  'Mutation.setAccountInterest': {
    otherWorkspace: {
      document: ACCOUNT_MUTATION('setAccountInterest', 'SetAccountInterestInput'),
      calls: calls(
        async (s) => ({ input: { accountId: (await freshAccount(s)).id, areaId: s.interestArea, kind: 'INTEREST' } }),
        async (s) => ({ input: { accountId: (await freshAccount(s)).id, areaId: s.awayInterestArea, kind: 'INTEREST' } }),
      ),
      outcome: 'NOT_FOUND',
    },
    outOfScope: notFound(ACCOUNT_MUTATION('setAccountInterest', 'SetAccountInterestInput'), async (s) => ({
      input: { accountId: (await freshAccount(s)).id, areaId: s.interestArea, kind: 'INTEREST' },
    })),
  },
  'Mutation.removeAccountInterest': {
    otherWorkspace: notFound(ACCOUNT_MUTATION('removeAccountInterest', 'RemoveAccountInterestInput'), async (s) => ({
      input: { accountId: await freshInterest(s), areaId: s.interestArea },
    })),
    outOfScope: notFound(ACCOUNT_MUTATION('removeAccountInterest', 'RemoveAccountInterestInput'), async (s) => ({
      input: { accountId: await freshInterest(s), areaId: s.interestArea },
    })),
  },

  // ---- mutations: contacts ----
  'Mutation.createContact': {
    otherWorkspace: [
      notFound(CONTACT_MUTATION('createContact', 'CreateContactInput'), (s) => ({ input: { firstName: 'Hijack', accountId: s.account.id } })),
      // An owner who is not a member here is bad input, as for createAccount's owners.
      {
        document: CONTACT_MUTATION('createContact', 'CreateContactInput'),
        calls: calls((s) => ({ input: { firstName: 'Hijack', ownerId: s.home.member.memberId } })),
        outcome: 'BAD_USER_INPUT',
      },
    ],
    outOfScope: notFound(CONTACT_MUTATION('createContact', 'CreateContactInput'), (s) => ({ input: { firstName: 'Hijack', accountId: s.account.id } })),
  },
  'Mutation.updateContact': {
    otherWorkspace: {
      document: CONTACT_MUTATION('updateContact', 'UpdateContactInput'),
      calls: calls(
        async (s) => ({ input: { id: (await freshContact(s)).id, firstName: 'Hijack' } }),
        async (s) => ({ input: { id: (await freshContact(s)).id, accountId: s.awayAccount } }),
      ),
      outcome: 'NOT_FOUND',
    },
    outOfScope: notFound(CONTACT_MUTATION('updateContact', 'UpdateContactInput'), async (s) => ({ input: { id: (await freshContact(s)).id, firstName: 'Hijack' } })),
  },
  'Mutation.archiveContact': {
    otherWorkspace: notFound(CONTACT_MUTATION('archiveContact', 'RecordVersionInput'), async (s) => ({ input: { id: (await freshContact(s)).id } })),
    outOfScope: notFound(CONTACT_MUTATION('archiveContact', 'RecordVersionInput'), async (s) => ({ input: { id: (await freshContact(s)).id } })),
  },
  'Mutation.restoreContact': {
    otherWorkspace: notFound(CONTACT_MUTATION('restoreContact', 'RecordVersionInput'), async (s) => ({
      input: { id: (await freshContact(s, { archived: true })).id },
    })),
    outOfScope: notFound(CONTACT_MUTATION('restoreContact', 'RecordVersionInput'), async (s) => ({
      input: { id: (await freshContact(s, { archived: true })).id },
    })),
  },
  'Mutation.upsertContacts': {
    otherWorkspace: {
      document: 'mutation ($input: UpsertContactsInput!) { upsertContacts(input: $input) { index status id } }',
      calls: calls(
        (s) => ({ input: { rows: [{ externalId: 'HIJACK-1', firstName: 'Hijack', accountId: s.account.id }] } }),
        (s) => ({ input: { rows: [{ externalId: 'HIJACK-2', firstName: 'Hijack', accountExternalId: s.account.externalId }] } }),
        (s) => ({ input: { rows: [{ externalId: 'HIJACK-3', firstName: 'Hijack', ownerId: s.home.member.memberId }] } }),
      ),
      outcome: 'ROW_ERROR',
    },
    outOfScope: {
      document: 'mutation ($input: UpsertContactsInput!) { upsertContacts(input: $input) { index status id } }',
      calls: calls(
        async (s) => ({ input: { rows: [{ externalId: (await freshContact(s)).externalId, firstName: 'Hijack' }] } }),
        (s) => ({ input: { rows: [{ externalId: 'HIJACK-4', firstName: 'Hijack', accountId: s.account.id }] } }),
      ),
      outcome: 'ROW_ERROR',
    },
  },

  // ---- mutations: catalog (workspace-wide: no portfolio) ----
  'Mutation.createProduct': {
    otherWorkspace: {
      document: PRODUCT_MUTATION('createProduct', 'CreateProductInput'),
      calls: calls((s) => ({ input: { ...HIJACK_PRODUCT, sku: 'HIJACK-1', categoryId: s.productCategory } })),
      outcome: 'BAD_USER_INPUT',
    },
    outOfScope: WORKSPACE_LEVEL,
  },
  'Mutation.updateProduct': {
    otherWorkspace: notFound(PRODUCT_MUTATION('updateProduct', 'UpdateProductInput'), async (s) => ({ input: { id: await freshProduct(s), name: 'Hijack' } })),
    outOfScope: WORKSPACE_LEVEL,
  },
  'Mutation.archiveProduct': {
    otherWorkspace: notFound(PRODUCT_MUTATION('archiveProduct', 'ProductVersionInput'), async (s) => ({ input: { id: await freshProduct(s) } })),
    outOfScope: WORKSPACE_LEVEL,
  },
  'Mutation.upsertProducts': {
    otherWorkspace: {
      document: 'mutation ($input: UpsertProductsInput!) { upsertProducts(input: $input) { index status id } }',
      calls: calls((s) => ({ input: { rows: [{ ...HIJACK_PRODUCT, externalId: 'HIJACK-P', sku: 'HIJACK-P', categoryId: s.productCategory }] } })),
      outcome: 'ROW_ERROR',
    },
    outOfScope: WORKSPACE_LEVEL,
  },

  // ---- mutations: deals (seen through their account) ----
  'Mutation.createDeal': {
    otherWorkspace: [
      notFound(DEAL_MUTATION('createDeal', 'CreateDealInput'), (s) => ({ input: { title: 'Hijack', accountId: s.account.id, currency: 'EUR' } })),
      // Its own account with the victim's contact, pipeline or stage: bad input (as unknown ones would be).
      {
        document: DEAL_MUTATION('createDeal', 'CreateDealInput'),
        calls: calls(
          (s) => ({ input: { title: 'Hijack', accountId: s.awayAccount, currency: 'EUR', contactIds: [s.contact.id] } }),
          (s) => ({ input: { title: 'Hijack', accountId: s.awayAccount, currency: 'EUR', pipelineId: s.pipeline.id } }),
          (s) => ({ input: { title: 'Hijack', accountId: s.awayAccount, currency: 'EUR', stageId: s.pipeline.stageIds[0] } }),
          (s) => ({ input: { title: 'Hijack', accountId: s.awayAccount, currency: 'EUR', ownerId: s.home.member.memberId } }),
        ),
        outcome: 'BAD_USER_INPUT',
      },
    ],
    outOfScope: notFound(DEAL_MUTATION('createDeal', 'CreateDealInput'), (s) => ({ input: { title: 'Hijack', accountId: s.account.id, currency: 'EUR' } })),
  },
  'Mutation.updateDeal': {
    otherWorkspace: [
      notFound(DEAL_MUTATION('updateDeal', 'UpdateDealInput'), async (s) => ({ input: { id: await freshDeal(s), title: 'Hijack' } })),
      notFound(DEAL_MUTATION('updateDeal', 'UpdateDealInput'), (s) => ({ input: { id: s.awayDeal, accountId: s.account.id } })),
      {
        document: DEAL_MUTATION('updateDeal', 'UpdateDealInput'),
        calls: calls((s) => ({ input: { id: s.awayDeal, contactIds: [s.contact.id] } })),
        outcome: 'BAD_USER_INPUT',
      },
    ],
    outOfScope: notFound(DEAL_MUTATION('updateDeal', 'UpdateDealInput'), async (s) => ({ input: { id: await freshDeal(s), title: 'Hijack' } })),
  },

  'Mutation.upsertDeals': {
    otherWorkspace: {
      document: 'mutation ($input: UpsertDealsInput!) { upsertDeals(input: $input) { index status id } }',
      calls: calls(
        (s) => ({ input: { rows: [{ externalId: 'HIJACK-D1', title: 'Hijack', currency: 'EUR', accountId: s.account.id }] } }),
        (s) => ({ input: { rows: [{ externalId: 'HIJACK-D2', title: 'Hijack', currency: 'EUR', accountExternalId: s.account.externalId }] } }),
        (s) => ({ input: { rows: [{ externalId: 'HIJACK-D3', title: 'Hijack', currency: 'EUR', accountId: s.awayAccount, pipelineId: s.pipeline.id }] } }),
        (s) => ({ input: { rows: [{ externalId: 'HIJACK-D4', title: 'Hijack', currency: 'EUR', accountId: s.awayAccount, ownerId: s.home.member.memberId }] } }),
      ),
      outcome: 'ROW_ERROR',
    },
    outOfScope: {
      document: 'mutation ($input: UpsertDealsInput!) { upsertDeals(input: $input) { index status id } }',
      calls: calls(
        async (s) => ({ input: { rows: [{ externalId: (await freshDealWithKey(s)).externalId, title: 'Hijack', currency: 'EUR' }] } }),
        (s) => ({ input: { rows: [{ externalId: 'HIJACK-D5', title: 'Hijack', currency: 'EUR', accountId: s.account.id }] } }),
      ),
      outcome: 'ROW_ERROR',
    },
  },
  'Mutation.setDealLines': {
    otherWorkspace: [
      notFound(DEAL_MUTATION('setDealLines', 'SetDealLinesInput'), async (s) => ({ input: { dealId: await freshDeal(s), lines: [] } })),
      // Its own deal with the victim's product: bad input (as an unknown product would be).
      {
        document: DEAL_MUTATION('setDealLines', 'SetDealLinesInput'),
        calls: calls((s) => ({ input: { dealId: s.awayDeal, lines: [{ productId: s.product.id, quantity: '1' }] } })),
        outcome: 'BAD_USER_INPUT',
      },
    ],
    outOfScope: notFound(DEAL_MUTATION('setDealLines', 'SetDealLinesInput'), async (s) => ({ input: { dealId: await freshDeal(s), lines: [] } })),
  },
  'Mutation.addDealLine': {
    otherWorkspace: [
      notFound(DEAL_MUTATION('addDealLine', 'AddDealLineInput'), async (s) => ({ input: { dealId: await freshDeal(s), line: HIJACK_LINE } })),
      {
        document: DEAL_MUTATION('addDealLine', 'AddDealLineInput'),
        calls: calls((s) => ({ input: { dealId: s.awayDeal, line: { productId: s.product.id, quantity: '1' } } })),
        outcome: 'BAD_USER_INPUT',
      },
    ],
    outOfScope: notFound(DEAL_MUTATION('addDealLine', 'AddDealLineInput'), async (s) => ({ input: { dealId: await freshDeal(s), line: HIJACK_LINE } })),
  },
  'Mutation.updateDealLine': {
    otherWorkspace: notFound(DEAL_MUTATION('updateDealLine', 'UpdateDealLineInput'), async (s) => ({ input: { id: await freshDealLine(s), quantity: '9' } })),
    outOfScope: notFound(DEAL_MUTATION('updateDealLine', 'UpdateDealLineInput'), async (s) => ({ input: { id: await freshDealLine(s), quantity: '9' } })),
  },
  'Mutation.removeDealLine': {
    otherWorkspace: notFound(DEAL_MUTATION('removeDealLine', 'DealLineVersionInput'), async (s) => ({ input: { id: await freshDealLine(s) } })),
    outOfScope: notFound(DEAL_MUTATION('removeDealLine', 'DealLineVersionInput'), async (s) => ({ input: { id: await freshDealLine(s) } })),
  },

  'Mutation.moveDeal': {
    otherWorkspace: [
      notFound(DEAL_MUTATION('moveDeal', 'MoveDealInput'), async (s) => ({ input: { id: await freshDeal(s), stageId: s.pipeline.stageIds[1] } })),
      // Its own deal into the victim's stage: bad input (not a stage of its pipeline).
      { document: DEAL_MUTATION('moveDeal', 'MoveDealInput'), calls: calls((s) => ({ input: { id: s.awayDeal, stageId: s.pipeline.stageIds[1] } })), outcome: 'BAD_USER_INPUT' },
    ],
    outOfScope: notFound(DEAL_MUTATION('moveDeal', 'MoveDealInput'), async (s) => ({ input: { id: await freshDeal(s), stageId: s.pipeline.stageIds[1] } })),
  },
  'Mutation.winDeal': {
    otherWorkspace: notFound(DEAL_MUTATION('winDeal', 'WinDealInput'), async (s) => ({ input: { id: await freshDeal(s) } })),
    outOfScope: notFound(DEAL_MUTATION('winDeal', 'WinDealInput'), async (s) => ({ input: { id: await freshDeal(s) } })),
  },
  'Mutation.loseDeal': {
    otherWorkspace: [
      notFound(DEAL_MUTATION('loseDeal', 'LoseDealInput'), async (s) => ({ input: { id: await freshDeal(s), reasonId: s.lostReason } })),
      // Its own deal with the victim's lost reason: bad input (as an unknown reason would be).
      { document: DEAL_MUTATION('loseDeal', 'LoseDealInput'), calls: calls((s) => ({ input: { id: s.awayDeal, reasonId: s.lostReason } })), outcome: 'BAD_USER_INPUT' },
    ],
    outOfScope: notFound(DEAL_MUTATION('loseDeal', 'LoseDealInput'), async (s) => ({ input: { id: await freshDeal(s), reasonId: s.lostReason } })),
  },
  'Mutation.reopenDeal': {
    otherWorkspace: notFound(DEAL_MUTATION('reopenDeal', 'ReopenDealInput'), async (s) => ({ input: { id: await freshClosedDeal(s) } })),
    outOfScope: notFound(DEAL_MUTATION('reopenDeal', 'ReopenDealInput'), async (s) => ({ input: { id: await freshClosedDeal(s) } })),
  },

  // ---- mutations: pipelines (workspace-level configuration) ----
  'Mutation.createPipeline': CREATES_WITHOUT_IDS,
  'Mutation.updatePipeline': {
    otherWorkspace: [
      notFound(PIPELINE_MUTATION('updatePipeline', 'UpdatePipelineInput'), async (s) => ({ input: { id: await freshPipeline(s), name: 'Hijack' } })),
      // Its own pipeline, keeping a stage of the victim's: the stage is bad input (as an unknown one would be).
      {
        document: PIPELINE_MUTATION('updatePipeline', 'UpdatePipelineInput'),
        calls: calls((s) => ({
          input: {
            id: s.awayPipeline,
            stages: [
              { id: s.pipeline.stageIds[0], name: 'Hijack', probability: '1', kind: 'OPEN' },
              { name: 'W', probability: '100', kind: 'WON' },
              { name: 'L', probability: '0', kind: 'LOST' },
            ],
          },
        })),
        outcome: 'BAD_USER_INPUT',
      },
    ],
    outOfScope: WORKSPACE_LEVEL,
  },
  'Mutation.archivePipeline': {
    otherWorkspace: notFound(PIPELINE_MUTATION('archivePipeline', 'PipelineVersionInput'), async (s) => ({ input: { id: await freshPipeline(s) } })),
    outOfScope: WORKSPACE_LEVEL,
  },

  // ---- mutations: leads ----
  'Mutation.importLeads': {
    otherWorkspace: notFound(IMPORT_LEADS, async (s) => ({ input: { uploadId: await freshLeadUpload(s), mapping: [{ column: 'Company', field: 'companyName' }] } })),
    outOfScope: notFound(IMPORT_LEADS, async (s) => ({ input: { uploadId: await freshLeadUpload(s), mapping: [{ column: 'Company', field: 'companyName' }] } })),
  },
  'Mutation.createLead': {
    otherWorkspace: {
      document: LEAD_MUTATION('createLead', 'CreateLeadInput'),
      calls: calls(
        (s) => ({ input: { companyName: 'Hijack', sourceId: s.leadSource } }),
        (s) => ({ input: { companyName: 'Hijack', assigneeId: s.home.member.memberId, teamId: s.home.teamId } }),
      ),
      outcome: 'BAD_USER_INPUT',
    },
    outOfScope: { notApplicable: "creates in the caller's own workspace; its ids (source, assignee, team) are workspace-level" },
  },
  'Mutation.updateLead': {
    otherWorkspace: notFound(LEAD_MUTATION('updateLead', 'UpdateLeadInput'), async (s) => ({ input: { id: (await freshLead(s)).id, title: 'Hijack' } })),
    outOfScope: notFound(LEAD_MUTATION('updateLead', 'UpdateLeadInput'), async (s) => ({ input: { id: (await freshLead(s)).id, title: 'Hijack' } })),
  },
  'Mutation.assignLead': {
    otherWorkspace: notFound(LEAD_MUTATION('assignLead', 'AssignLeadInput'), async (s) => ({ input: { leadId: (await freshLead(s)).id, assigneeId: s.away.owner.memberId } })),
    outOfScope: notFound(LEAD_MUTATION('assignLead', 'AssignLeadInput'), async (s) => ({ input: { leadId: (await freshLead(s)).id, assigneeId: s.home.ownMember.memberId } })),
  },
  'Mutation.closeLead': {
    otherWorkspace: notFound(LEAD_MUTATION('closeLead', 'CloseLeadInput'), async (s) => ({ input: { leadId: (await freshLead(s)).id, result: 'JUNK' } })),
    outOfScope: notFound(LEAD_MUTATION('closeLead', 'CloseLeadInput'), async (s) => ({ input: { leadId: (await freshLead(s)).id, result: 'JUNK' } })),
  },
  'Mutation.convertLead': {
    otherWorkspace: {
      document: LEAD_MUTATION('convertLead', 'ConvertLeadInput'),
      calls: calls(
        // Another workspace's lead.
        async (s) => ({ input: { leadId: (await freshLead(s)).id, account: { new: { name: 'Hijack', type: 'PROSPECT' } } } }),
        // The caller's own lead, linked to another workspace's account.
        async (s) => ({ input: { leadId: await ownLead(s, s.away.owner.token), account: { existingId: s.account.id } } }),
      ),
      outcome: 'NOT_FOUND',
    },
    outOfScope: {
      document: LEAD_MUTATION('convertLead', 'ConvertLeadInput'),
      calls: calls(
        // A lead assigned to someone else.
        async (s) => ({ input: { leadId: (await freshLead(s)).id, account: { new: { name: 'Hijack', type: 'PROSPECT' } } } }),
        // The caller's own lead, linked to an account outside their portfolio.
        async (s) => ({ input: { leadId: await ownLead(s, s.home.ownMember.token), account: { existingId: s.account.id } } }),
      ),
      outcome: 'NOT_FOUND',
    },
  },
  'Mutation.upsertLeads': {
    otherWorkspace: {
      document: 'mutation ($input: UpsertLeadsInput!) { upsertLeads(input: $input) { index status id } }',
      calls: calls(
        (s) => ({ input: { rows: [{ externalId: 'HIJACK-L1', companyName: 'Hijack', sourceId: s.leadSource }] } }),
        (s) => ({ input: { rows: [{ externalId: 'HIJACK-L2', companyName: 'Hijack', assigneeId: s.home.member.memberId }] } }),
        (s) => ({ input: { rows: [{ externalId: 'HIJACK-L3', companyName: 'Hijack', teamId: s.home.teamId }] } }),
      ),
      outcome: 'ROW_ERROR',
    },
    outOfScope: {
      document: 'mutation ($input: UpsertLeadsInput!) { upsertLeads(input: $input) { index status id } }',
      calls: calls(async (s) => ({ input: { rows: [{ externalId: (await freshLead(s)).externalId, companyName: 'Hijack' }] } })),
      outcome: 'ROW_ERROR',
    },
  },

  'Mutation.createLeadAssignmentRule': {
    otherWorkspace: {
      document: SETTING_MUTATION('createLeadAssignmentRule', 'CreateLeadAssignmentRuleInput'),
      calls: calls(
        (s) => ({ input: { name: freshSettingName(), kind: 'ROUND_ROBIN', teamId: s.home.teamId } }),
        (s) => ({ input: { name: freshSettingName(), kind: 'FIXED', assigneeId: s.home.member.memberId } }),
        (s) => ({ input: { name: freshSettingName(), kind: 'FIXED', assigneeId: s.away.owner.memberId, sourceId: s.leadSource } }),
      ),
      outcome: 'BAD_USER_INPUT',
    },
    outOfScope: WORKSPACE_LEVEL,
  },
  'Mutation.updateLeadAssignmentRule': {
    otherWorkspace: notFound(SETTING_MUTATION('updateLeadAssignmentRule', 'UpdateLeadAssignmentRuleInput'), async (s) => ({
      input: { id: await freshAssignmentRule(s), name: freshSettingName() },
    })),
    outOfScope: WORKSPACE_LEVEL,
  },
  'Mutation.createWebForm': {
    // Another workspace's source or assignment rule is not usable: bad input, nothing created.
    otherWorkspace: {
      document: SETTING_MUTATION('createWebForm', 'CreateWebFormInput'),
      calls: calls(
        (s) => ({ input: { name: freshSettingName(), fields: WEB_FORM_FIELDS, sourceId: s.leadSource } }),
        async (s) => ({ input: { name: freshSettingName(), fields: WEB_FORM_FIELDS, assignmentRuleId: await freshAssignmentRule(s) } }),
      ),
      outcome: 'BAD_USER_INPUT',
    },
    outOfScope: WORKSPACE_LEVEL,
  },
  'Mutation.updateWebForm': {
    otherWorkspace: notFound(SETTING_MUTATION('updateWebForm', 'UpdateWebFormInput'), async (s) => ({ input: { id: await freshWebForm(s), name: freshSettingName(), active: false } })),
    outOfScope: WORKSPACE_LEVEL,
  },
  'Mutation.archiveWebForm': {
    otherWorkspace: notFound(SETTING_MUTATION('archiveWebForm', 'SettingIdInput'), async (s) => ({ input: { id: await freshWebForm(s) } })),
    outOfScope: WORKSPACE_LEVEL,
  },
  'Mutation.archiveLeadAssignmentRule': {
    otherWorkspace: notFound(SETTING_MUTATION('archiveLeadAssignmentRule', 'SettingIdInput'), async (s) => ({ input: { id: await freshAssignmentRule(s) } })),
    outOfScope: WORKSPACE_LEVEL,
  },

  // ---- mutations: documents ----
  'Mutation.attachDocument': {
    otherWorkspace: [
      {
        document: 'mutation ($input: AttachDocumentInput!) { attachDocument(input: $input) { id } }',
        calls: calls(
          (s) => ({ input: { recordId: s.account.id, fileName: 'x.txt', contentBase64: 'eA==' } }),
          (s) => ({ input: { recordId: s.followUp, fileName: 'x.txt', contentBase64: 'eA==' } }),
        ),
        outcome: 'NOT_FOUND',
      },
      // Its own record with the victim's document type: the type is bad input (as an unknown one would be).
      {
        document: 'mutation ($input: AttachDocumentInput!) { attachDocument(input: $input) { id } }',
        calls: calls((s) => ({ input: { recordId: s.awayAccount, fileName: 'x.txt', contentBase64: 'eA==', typeId: s.documentType } })),
        outcome: 'BAD_USER_INPUT',
      },
    ],
    outOfScope: [
      {
        document: 'mutation ($input: AttachDocumentInput!) { attachDocument(input: $input) { id } }',
        calls: calls(
          (s) => ({ input: { recordId: s.account.id, fileName: 'x.txt', contentBase64: 'eA==' } }),
          (s) => ({ input: { recordId: s.followUp, fileName: 'x.txt', contentBase64: 'eA==' } }),
        ),
        outcome: 'NOT_FOUND',
      },
      notFound(
        'mutation ($input: AttachDocumentInput!) { attachDocument(input: $input) { id } }',
        (s) => ({ input: { recordId: s.followUp, fileName: 'x.txt', contentBase64: 'eA==' } }),
        'teamManager',
      ),
    ],
  },
  'Mutation.removeDocument': {
    otherWorkspace: notFound('mutation ($input: RemoveDocumentInput!) { removeDocument(input: $input) { id } }', async (s) => ({
      input: { id: await freshDocument(s) },
    })),
    outOfScope: notFound('mutation ($input: RemoveDocumentInput!) { removeDocument(input: $input) { id } }', async (s) => ({
      input: { id: await freshDocument(s) },
    })),
  },

  // ---- mutations: follow-ups (seen through their target, or by their assignee) ----
  'Mutation.createFollowUp': {
    otherWorkspace: [
      notFound(FOLLOW_UP_MUTATION('createFollowUp', 'NewFollowUpInput'), (s) => ({
        input: { ...NEXT, typeId: s.awayFollowUpType, targetType: 'ACCOUNT', targetId: s.account.id },
      })),
      // Its own account with the victim's type or member: bad input (as unknown ones would be).
      {
        document: FOLLOW_UP_MUTATION('createFollowUp', 'NewFollowUpInput'),
        calls: calls(
          (s) => ({ input: { ...NEXT, typeId: s.followUpType, targetType: 'ACCOUNT', targetId: s.awayAccount } }),
          (s) => ({ input: { ...NEXT, typeId: s.awayFollowUpType, targetType: 'ACCOUNT', targetId: s.awayAccount, assigneeId: s.home.member.memberId } }),
        ),
        outcome: 'BAD_USER_INPUT',
      },
    ],
    outOfScope: [
      notFound(FOLLOW_UP_MUTATION('createFollowUp', 'NewFollowUpInput'), (s) => ({ input: { ...NEXT, typeId: s.followUpType, targetType: 'ACCOUNT', targetId: s.account.id } })),
      notFound(FOLLOW_UP_MUTATION('createFollowUp', 'NewFollowUpInput'), (s) => ({ input: { ...NEXT, typeId: s.followUpType, targetType: 'DEAL', targetId: s.deal } })),
      notFound(FOLLOW_UP_MUTATION('createFollowUp', 'NewFollowUpInput'), (s) => ({ input: { ...NEXT, typeId: s.followUpType, targetType: 'LEAD', targetId: s.lead.id } })),
      notFound(FOLLOW_UP_MUTATION('createFollowUp', 'NewFollowUpInput'), (s) => ({ input: { ...NEXT, typeId: s.followUpType, targetType: 'CONTACT', targetId: s.looseContact } })),
    ],
  },
  'Mutation.updateFollowUp': followUpCommand('updateFollowUp', 'UpdateFollowUpInput', (id) => ({ id, subject: 'Hijack' })),
  'Mutation.postponeFollowUp': followUpCommand('postponeFollowUp', 'PostponeFollowUpInput', (id) => ({ id, hours: 1, reason: 'Hijack' })),
  'Mutation.closeFollowUp': followUpCommand('closeFollowUp', 'CloseFollowUpInput', (id) => ({ id, outcome: 'SUCCESS' })),
  'Mutation.cancelFollowUp': followUpCommand('cancelFollowUp', 'CancelFollowUpInput', (id) => ({ id, reason: 'Hijack' })),
  'Mutation.addObservation': followUpEntryCommand('addObservation', 'AddObservationInput', (followUpId) => ({ followUpId, text: 'Hijack' })),
  'Mutation.logFollowUpActivity': followUpEntryCommand('logFollowUpActivity', 'LogFollowUpActivityInput', async (followUpId, s) => ({
    followUpId,
    definitionId: await homeActivityDefinition(s),
    note: 'Hijack',
  })),
  'Mutation.continueFollowUp': followUpCommand('continueFollowUp', 'ContinueFollowUpInput', (id, s) => ({
    id,
    outcome: 'SUCCESS',
    next: { ...NEXT, typeId: s.followUpType },
  })),

  // ---- mutations: settings lists (each update/archive gets a fresh entry of the victim's) ----
  ...settingsEntries(),
  // A category under another workspace's category is bad input (the parent is not one of the caller's).
  'Mutation.createProductCategory': {
    otherWorkspace: {
      document: SETTING_MUTATION('createProductCategory', 'CreateProductCategoryInput'),
      calls: calls((s) => ({ input: { name: freshSettingName(), parentId: s.productCategory } })),
      outcome: 'BAD_USER_INPUT',
    },
    outOfScope: WORKSPACE_LEVEL,
  },
};

function settingsEntries(): Record<string, SweepEntry> {
  const kinds = [
    { stem: 'CharacteristicDefinition', create: (name: string) => ({ name, dataType: 'TEXT' }) },
    { stem: 'DealLostReason', create: (name: string) => ({ name }) },
    { stem: 'DocumentType', create: (name: string) => ({ name }) },
    { stem: 'FollowUpActivityDefinition', create: (name: string) => ({ name, effect: 'PROGRESS' }) },
    { stem: 'FollowUpState', create: (name: string) => ({ name }) },
    { stem: 'FollowUpType', create: (name: string) => ({ name, kind: 'CALL' }) },
    { stem: 'InterestArea', create: (name: string) => ({ name }) },
    { stem: 'LeadCloseReason', create: (name: string) => ({ name }) },
    { stem: 'LeadSource', create: (name: string) => ({ name }) },
    { stem: 'ProductCategory', create: (name: string) => ({ name }) },
    { stem: 'RelationshipType', create: (name: string) => ({ name }) },
  ];
  const entries: Record<string, SweepEntry> = {};
  for (const { stem, create } of kinds) {
    const freshSetting = async (s: Sweep): Promise<string> => {
      const answer = await s.t.post(
        JSON.stringify({ query: SETTING_MUTATION(`create${stem}`, `Create${stem}Input`), variables: { input: create(freshSettingName()) } }),
        { authorization: `Bearer ${s.home.admin.token}` },
      );
      return (answer.json as { data: Record<string, { id: string }> }).data[`create${stem}`].id;
    };
    entries[`Mutation.create${stem}`] = CREATES_WITHOUT_IDS;
    entries[`Mutation.update${stem}`] = {
      otherWorkspace: notFound(SETTING_MUTATION(`update${stem}`, `Update${stem}Input`), async (s) => ({ input: { id: await freshSetting(s), name: freshSettingName() } })),
      outOfScope: WORKSPACE_LEVEL,
    };
    entries[`Mutation.archive${stem}`] = {
      otherWorkspace: notFound(SETTING_MUTATION(`archive${stem}`, 'SettingIdInput'), async (s) => ({ input: { id: await freshSetting(s) } })),
      outOfScope: WORKSPACE_LEVEL,
    };
  }
  return entries;
}
