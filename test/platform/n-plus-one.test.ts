import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { getNamedType, getNullableType, isListType, isObjectType, type GraphQLSchema } from 'graphql';
import {
  NPlusOneAccountCharacteristicsDocument,
  NPlusOneAccountContactsDocument,
  NPlusOneAccountDealsDocument,
  NPlusOneAccountDocumentsDocument,
  NPlusOneAccountEmailsDocument,
  NPlusOneAccountInterestsDocument,
  NPlusOneAccountOwnersDocument,
  NPlusOneAccountPhonesDocument,
  NPlusOneAccountRelationshipsDocument,
  NPlusOneAccountTimelineDocument,
  NPlusOneApiKeyScopesDocument,
  NPlusOneCharacteristicDefinitionOptionsDocument,
  NPlusOneContactDocumentsDocument,
  NPlusOneContactEmailsDocument,
  NPlusOneContactPhonesDocument,
  NPlusOneContactTimelineDocument,
  NPlusOneDealContactsDocument,
  NPlusOneDealLinesDocument,
  NPlusOneDealStageHistoryDocument,
  NPlusOneDealTimelineDocument,
  NPlusOneDuplicateCandidateMatchedOnDocument,
  NPlusOneAgendaDayFollowUpsDocument,
  NPlusOneAgendaUpdateDocument,
  UpdateFollowUpDocument,
  type NPlusOneAgendaUpdateSubscription,
  NPlusOneFollowUpChainDocument,
  NPlusOneFollowUpDocumentsDocument,
  NPlusOneFollowUpEntriesDocument,
  NPlusOneFollowUpPostponementsDocument,
  NPlusOneLeadDocumentsDocument,
  NPlusOneLeadImportColumnsDocument,
  NPlusOneLeadImportRowsDocument,
  NPlusOneLeadDuplicatesDocument,
  NPlusOneLeadEmailsDocument,
  NPlusOneLeadPhonesDocument,
  NPlusOneLeadTimelineDocument,
  NPlusOneMemberAssignedLeadsDocument,
  NPlusOneMemberTeamsDocument,
  NPlusOnePipelineStageRequiredFieldsDocument,
  NPlusOnePipelineStagesDocument,
  NPlusOneProductTimelineDocument,
  NPlusOneTeamMembersDocument,
  NPlusOneTimelineEntryChangesDocument,
  NPlusOneUpsertRowResultFieldsDocument,
  NPlusOneWebFormAllowedOriginsDocument,
  NPlusOneWebFormFieldOptionsDocument,
  NPlusOneWebFormFieldsDocument,
} from '../generated/graphql';
import { expectData } from '../support/factories';
import { subscribe } from '../support/subscriptions';
import { buildListWorld, type ListWorld } from '../support/list-world';
import { startTestApp, type TestApp } from '../support/test-app';

/**
 * No N+1, checked against the schema itself: every list or connection field of every object type must have a
 * case here. A case runs one operation selecting the field under a list of parents and returns the field's
 * value for each parent; it runs over 5 and over 50 parents and must cost the same number of SQL statements.
 * A new list field without a case fails the first test.
 */
type ListFieldCase = (t: TestApp, world: ListWorld) => Promise<unknown[]>;

const query =
  <R>(document: TypedDocumentNode<R, Record<string, never>>, valuesOf: (data: R) => unknown[]): ListFieldCase =>
  async (t, world) =>
    valuesOf(expectData(await t.gql(document, {}, { token: world.token })));

type AgendaPush = NPlusOneAgendaUpdateSubscription['agendaChanged'];

/**
 * A pushed AgendaUpdate has no list of parents: the parents here are n subscriptions of the world's OWNER (one
 * viewer, one selection set) on one socket, which the shared fan-out serves with one load and one execution per
 * push. Each push of the scenario fills a field: the first (days, entered), a renamed follow-up (changed), one
 * moved out of the window (left); it is then moved back.
 */
const agendaUpdate =
  (field: 'days' | 'entered' | 'changed' | 'left'): ListFieldCase =>
  async (t, world) => {
    const client = t.ws(world.token);
    const subscriptions = Array.from({ length: world.n }, () => subscribe(client, NPlusOneAgendaUpdateDocument, {}));
    const pushes = async () => (await Promise.all(subscriptions.map((live) => live.next(20_000)))).map((message) => message.data?.agendaChanged as AgendaPush);
    const first = await pushes();
    const followUp = first[0].days[0].followUps[0];
    const update = async (input: { subject?: string; dueAt?: string }) => {
      expectData(await t.gql(UpdateFollowUpDocument, { input: { id: followUp.id, ...input } }, { token: world.token }));
      return pushes();
    };
    const [{ due_at: dueAt }] = (await t.app.db.query('SELECT due_at FROM follow_ups WHERE id = $1', [followUp.id])) as { due_at: Date }[];
    const changed = await update({ subject: `Renamed ${Date.now()}` });
    const left = await update({ dueAt: '2031-01-01T00:00:00Z' });
    await update({ dueAt: dueAt.toISOString() });
    subscriptions.forEach((live) => live.close());
    const from = { days: first, entered: first, changed, left }[field];
    return from.map((push) => push[field]);
  };

/**
 * Lists of types reached once per operation (no list fields of the sweep above), which must still cost the same for 5
 * and 50 items: n subscribers of one viewer cost what one does (the shared fan-out pushes AgendaUpdate); a lead
 * import of n columns and n rows reads them with the same statements.
 */
const SINGLE_PARENT_CASES: Record<string, ListFieldCase> = {
  'LeadImport.columns': async (t, world) =>
    expectData(await t.gql(NPlusOneLeadImportColumnsDocument, { id: world.leadImportId }, { token: world.token })).leadImport.columns,
  'LeadImport.rows': async (t, world) =>
    expectData(await t.gql(NPlusOneLeadImportRowsDocument, { id: world.leadImportId }, { token: world.token })).leadImport.rows.nodes,
  'AgendaUpdate.changed': agendaUpdate('changed'),
  'AgendaUpdate.days': agendaUpdate('days'),
  'AgendaUpdate.entered': agendaUpdate('entered'),
  'AgendaUpdate.left': agendaUpdate('left'),
};

const CASES: Record<string, ListFieldCase> = {
  'Account.characteristics': query(NPlusOneAccountCharacteristicsDocument, (d) => d.accounts.nodes.map((a) => a.characteristics)),
  'Account.contacts': query(NPlusOneAccountContactsDocument, (d) => d.accounts.nodes.map((a) => a.contacts)),
  'Account.deals': query(NPlusOneAccountDealsDocument, (d) => d.accounts.nodes.map((a) => a.deals?.nodes)),
  'Account.documents': query(NPlusOneAccountDocumentsDocument, (d) => d.accounts.nodes.map((a) => a.documents)),
  'Account.emails': query(NPlusOneAccountEmailsDocument, (d) => d.accounts.nodes.map((a) => a.emails)),
  'Account.interests': query(NPlusOneAccountInterestsDocument, (d) => d.accounts.nodes.map((a) => a.interests)),
  'Account.owners': query(NPlusOneAccountOwnersDocument, (d) => d.accounts.nodes.map((a) => a.owners)),
  'Account.phones': query(NPlusOneAccountPhonesDocument, (d) => d.accounts.nodes.map((a) => a.phones)),
  'Account.relationships': query(NPlusOneAccountRelationshipsDocument, (d) => d.accounts.nodes.map((a) => a.relationships)),
  'Account.timeline': query(NPlusOneAccountTimelineDocument, (d) => d.accounts.nodes.map((a) => a.timeline.edges)),
  'ApiKey.scopes': query(NPlusOneApiKeyScopesDocument, (d) => d.apiKeys.map((k) => k.scopes)),
  'CharacteristicDefinition.options': query(NPlusOneCharacteristicDefinitionOptionsDocument, (d) =>
    d.characteristicDefinitions.map((c) => c.options),
  ),
  'Contact.documents': query(NPlusOneContactDocumentsDocument, (d) => d.contacts.nodes.map((c) => c.documents)),
  'Contact.emails': query(NPlusOneContactEmailsDocument, (d) => d.contacts.nodes.map((c) => c.emails)),
  'Contact.phones': query(NPlusOneContactPhonesDocument, (d) => d.contacts.nodes.map((c) => c.phones)),
  'Contact.timeline': query(NPlusOneContactTimelineDocument, (d) => d.contacts.nodes.map((c) => c.timeline.nodes)),
  'Deal.contacts': query(NPlusOneDealContactsDocument, (d) => d.deals.nodes.map((deal) => deal.contacts)),
  // Deal lists with their lines and the lines' products (and the deal's account, owner, pipeline and stage).
  'Deal.lines': query(NPlusOneDealLinesDocument, (d) => d.deals.nodes.map((deal) => deal.lines.map((line) => line.product))),
  'Deal.stageHistory': query(NPlusOneDealStageHistoryDocument, (d) => d.deals.nodes.map((deal) => deal.stageHistory)),
  'Deal.timeline': query(NPlusOneDealTimelineDocument, (d) => d.deals.nodes.map((deal) => deal.timeline.nodes)),
  // The parents are findDuplicates' candidates: the world's n accounts, all named "Account …".
  'DuplicateCandidate.matchedOn': query(NPlusOneDuplicateCandidateMatchedOnDocument, (d) => d.findDuplicates.map((c) => c.matchedOn)),
  // The parents are agenda days: the n OPEN follow-ups of the world are due on n different days (UTC).
  'AgendaDay.followUps': query(NPlusOneAgendaDayFollowUpsDocument, (d) => d.agenda.map((day) => day.followUps)),
  // n chains of two (a DONE root continued by an OPEN follow-up, postponed once): the parents are the n OPEN ones,
  // each with its whole chain and its type and assignee (loaders).
  'FollowUp.chain': query(NPlusOneFollowUpChainDocument, (d) => d.followUps.nodes.map((f) => f.chain)),
  // Each OPEN follow-up of the world has one supporting document.
  'FollowUp.documents': query(NPlusOneFollowUpDocumentsDocument, (d) => d.followUps.nodes.map((f) => f.documents)),
  'FollowUp.postponements': query(NPlusOneFollowUpPostponementsDocument, (d) => d.followUps.nodes.map((f) => f.postponements)),
  // One operation for both entry lists (every OPEN follow-up of the world has one observation and one activity).
  'FollowUp.observations': query(NPlusOneFollowUpEntriesDocument, (d) => d.followUps.nodes.map((f) => f.observations.nodes)),
  'FollowUp.activities': query(NPlusOneFollowUpEntriesDocument, (d) => d.followUps.nodes.map((f) => f.activities.nodes)),
  // Each lead shares its phone with an account and a contact of the world.
  'Lead.duplicates': query(NPlusOneLeadDuplicatesDocument, (d) => d.leads.nodes.map((l) => l.duplicates)),
  // The parents are the results of an import of n rows (every row FAILED) and the n columns of its file.
  'Lead.documents': query(NPlusOneLeadDocumentsDocument, (d) => d.leads.nodes.map((l) => l.documents)),
  'Lead.emails': query(NPlusOneLeadEmailsDocument, (d) => d.leads.nodes.map((l) => l.emails)),
  'Lead.phones': query(NPlusOneLeadPhonesDocument, (d) => d.leads.nodes.map((l) => l.phones)),
  // With each lead's source, assignee and routing team (loaders) under it.
  'Lead.timeline': query(NPlusOneLeadTimelineDocument, (d) => d.leads.nodes.map((l) => l.timeline.nodes)),
  // Each member of the world has one lead assigned (list-world.ts).
  'Member.assignedLeads': query(NPlusOneMemberAssignedLeadsDocument, (d) => d.members.map((m) => m.assignedLeads?.nodes)),
  'Member.teams': query(NPlusOneMemberTeamsDocument, (d) => d.members.map((m) => m.teams)),
  'Pipeline.stages': query(NPlusOnePipelineStagesDocument, (d) => d.pipelines.map((p) => p.stages)),
  // The parents are stages: every stage's requirements, gathered per pipeline (each pipeline has a stage with some).
  'PipelineStage.requiredFields': query(NPlusOnePipelineStageRequiredFieldsDocument, (d) => d.pipelines.map((p) => p.stages.flatMap((s) => s.requiredFields))),
  'Product.timeline': query(NPlusOneProductTimelineDocument, (d) => d.products.nodes.map((p) => p.timeline.nodes)),
  'Team.members': query(NPlusOneTeamMembersDocument, (d) => d.teams.map((team) => team.members)),
  // The parents are timeline entries: each account's ACCOUNT_UPDATED entry (one per account).
  'TimelineEntry.changes': query(NPlusOneTimelineEntryChangesDocument, (d) =>
    d.accounts.nodes.flatMap((a) => a.timeline.nodes.map((entry) => entry.changes)),
  ),
  // With each form's source (a loader).
  'WebForm.fields': query(NPlusOneWebFormFieldsDocument, (d) => d.webForms.map((f) => f.fields)),
  'WebForm.allowedOrigins': query(NPlusOneWebFormAllowedOriginsDocument, (d) => d.webForms.map((f) => f.allowedOrigins)),
  // The parents are the forms' SELECT fields (one per form).
  'WebFormField.options': query(NPlusOneWebFormFieldOptionsDocument, (d) => d.webForms.map((f) => f.fields.find((field) => field.name === 'topic')?.options)),
  // The parents are the result rows of a bulk upsert whose every row is invalid (nothing is written).
  'UpsertRowResult.fields': async (t, world) => {
    const rows = Array.from({ length: world.n }, (_, i) => ({ externalId: `BAD-${i}`, name: '', type: 'LEAD' as const }));
    const { upsertAccounts } = expectData(await t.gql(NPlusOneUpsertRowResultFieldsDocument, { input: { rows } }, { token: world.token }));
    return upsertAccounts.map((row) => row.fields);
  },
};

/**
 * Object types an operation can only ever reach once (e.g. `followUpSettings`, `me { workspace }`): every field that
 * returns one is a single object (not a list, not a connection's node) of a root type or of another such type.
 * Their list fields have one parent per operation, so they cannot fan out into N+1; the fixpoint below proves it
 * from the schema instead of trusting a list of names.
 */
function singleParentTypes(schema: GraphQLSchema, roots: Set<unknown>): Set<string> {
  const objectTypes = Object.values(schema.getTypeMap()).filter((type) => isObjectType(type) && !type.name.startsWith('__'));
  const returnedBy = new Map<string, { parent: string; list: boolean }[]>();
  for (const type of objectTypes) {
    if (!isObjectType(type)) continue;
    for (const field of Object.values(type.getFields())) {
      const named = getNamedType(field.type).name;
      const uses = returnedBy.get(named) ?? [];
      uses.push({ parent: type.name, list: isListType(getNullableType(field.type)) || type.name.endsWith('Edge') });
      returnedBy.set(named, uses);
    }
  }
  const rootNames = new Set([...roots].map((root) => (root as { name: string }).name));
  let single = new Set(objectTypes.filter((type) => !rootNames.has(type.name)).map((type) => type.name));
  for (;;) {
    const next = new Set(
      [...single].filter((name) => {
        const uses = returnedBy.get(name) ?? [];
        return uses.length > 0 && uses.every((use) => !use.list && (rootNames.has(use.parent) || single.has(use.parent)));
      }),
    );
    if (next.size === single.size) return next;
    single = next;
  }
}

/**
 * `Type.field` of every list or connection field of an object type. Root operation types have no parent; a
 * connection's own `edges` / `nodes` are the page of the field that returns the connection, covered there; types
 * reached only once per operation (singleParentTypes) have one parent.
 */
function listFieldsOf(schema: GraphQLSchema): string[] {
  const roots = new Set([schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()].filter(Boolean));
  const single = singleParentTypes(schema, roots);
  const fields: string[] = [];
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__') || roots.has(type) || single.has(type.name)) continue;
    if (type.name.endsWith('Connection') && 'pageInfo' in type.getFields()) continue;
    for (const field of Object.values(type.getFields())) {
      if (isListType(getNullableType(field.type)) || getNamedType(field.type).name.endsWith('Connection')) {
        fields.push(`${type.name}.${field.name}`);
      }
    }
  }
  return fields.sort();
}

const isFilled = (value: unknown): boolean => (Array.isArray(value) ? value.length > 0 : value != null);

describe('no N+1 on any list field: the statement count is the same for 5 and 50 parents', () => {
  let t: TestApp;
  let small: ListWorld;
  let large: ListWorld;

  beforeAll(async () => {
    t = await startTestApp({ MAX_QUERY_COMPLEXITY: '1000000' });
    small = await buildListWorld(t, 5);
    large = await buildListWorld(t, 50);
  }, 60_000);
  afterAll(() => t.stop());

  it('every list or connection field of every object type in the schema has a case (add one for a new field)', () => {
    const fields = listFieldsOf(t.app.schema);
    expect(fields.filter((field) => !(field in CASES))).toEqual([]);
    expect(Object.keys(CASES).filter((field) => !fields.includes(field))).toEqual([]);
  });

  it.each(Object.keys({ ...CASES, ...SINGLE_PARENT_CASES }))('%s', async (field) => {
    const run = async (world: ListWorld) => {
      let values: unknown[] = [];
      const statements = await t.countStatements(async () => {
        values = await ({ ...CASES, ...SINGLE_PARENT_CASES })[field](t, world);
      });
      return { statements, values };
    };
    const forSmall = await run(small);
    const forLarge = await run(large);
    expect(forSmall.values).toHaveLength(5);
    expect(forLarge.values).toHaveLength(50);
    // The field really loaded something (the world gives every parent a value, bar the TEXT characteristic's options).
    expect(forLarge.values.filter(isFilled).length).toBeGreaterThanOrEqual(49);
    expect(forLarge.statements).toBe(forSmall.statements);
  });
});
