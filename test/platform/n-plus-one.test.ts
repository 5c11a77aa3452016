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
  NPlusOneFollowUpChainDocument,
  NPlusOneFollowUpPostponementsDocument,
  NPlusOneLeadDocumentsDocument,
  NPlusOneLeadImportColumnsDocument,
  NPlusOneLeadImportRowsDocument,
  NPlusOneLeadDuplicatesDocument,
  NPlusOneLeadEmailsDocument,
  NPlusOneLeadPhonesDocument,
  NPlusOneLeadTimelineDocument,
  NPlusOneMemberTeamsDocument,
  NPlusOnePipelineStageRequiredFieldsDocument,
  NPlusOnePipelineStagesDocument,
  NPlusOneProductTimelineDocument,
  NPlusOneTeamMembersDocument,
  NPlusOneTimelineEntryChangesDocument,
  NPlusOneUpsertRowResultFieldsDocument,
} from '../generated/graphql';
import { expectData } from '../support/factories';
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
  'FollowUp.postponements': query(NPlusOneFollowUpPostponementsDocument, (d) => d.followUps.nodes.map((f) => f.postponements)),
  // Each lead shares its phone with an account and a contact of the world.
  'Lead.duplicates': query(NPlusOneLeadDuplicatesDocument, (d) => d.leads.nodes.map((l) => l.duplicates)),
  // The parents are the results of an import of n rows (every row FAILED) and the n columns of its file.
  'LeadImport.columns': async (t, world) =>
    expectData(await t.gql(NPlusOneLeadImportColumnsDocument, { id: world.leadImportId }, { token: world.token })).leadImport.columns,
  'LeadImport.rows': async (t, world) =>
    expectData(await t.gql(NPlusOneLeadImportRowsDocument, { id: world.leadImportId }, { token: world.token })).leadImport.rows.nodes,
  'Lead.documents': query(NPlusOneLeadDocumentsDocument, (d) => d.leads.nodes.map((l) => l.documents)),
  'Lead.emails': query(NPlusOneLeadEmailsDocument, (d) => d.leads.nodes.map((l) => l.emails)),
  'Lead.phones': query(NPlusOneLeadPhonesDocument, (d) => d.leads.nodes.map((l) => l.phones)),
  // With each lead's source, assignee and routing team (loaders) under it.
  'Lead.timeline': query(NPlusOneLeadTimelineDocument, (d) => d.leads.nodes.map((l) => l.timeline.nodes)),
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
  // The parents are the result rows of a bulk upsert whose every row is invalid (nothing is written).
  'UpsertRowResult.fields': async (t, world) => {
    const rows = Array.from({ length: world.n }, (_, i) => ({ externalId: `BAD-${i}`, name: '', type: 'LEAD' as const }));
    const { upsertAccounts } = expectData(await t.gql(NPlusOneUpsertRowResultFieldsDocument, { input: { rows } }, { token: world.token }));
    return upsertAccounts.map((row) => row.fields);
  },
};

/**
 * `Type.field` of every list or connection field of an object type. Root operation types have no parent; a
 * connection's own `edges` / `nodes` are the page of the field that returns the connection, covered there.
 */
function listFieldsOf(schema: GraphQLSchema): string[] {
  const roots = new Set([schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()].filter(Boolean));
  const fields: string[] = [];
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__') || roots.has(type)) continue;
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

  it.each(Object.keys(CASES))('%s', async (field) => {
    const run = async (world: ListWorld) => {
      let values: unknown[] = [];
      const statements = await t.countStatements(async () => {
        values = await CASES[field](t, world);
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
