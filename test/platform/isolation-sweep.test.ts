import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { isObjectType, Kind, parse, validate, type FormattedExecutionResult, type OperationDefinitionNode } from 'graphql';
import { subscribe } from '../support/subscriptions';
import { startTestApp, type TestApp } from '../support/test-app';
import { buildSweep, databaseDigest, workspaceIds, type Sweep } from './isolation-sweep.fixture';
import { SWEEP, type Caller, type Outcome, type Probe, type Variables } from './isolation-sweep.table';

type Answer = FormattedExecutionResult<Record<string, unknown>>;
type Column = 'otherWorkspace' | 'outOfScope';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const uuidsIn = (value: unknown): string[] => {
  if (typeof value === 'string') return UUID.test(value) ? [value] : [];
  if (Array.isArray(value)) return value.flatMap(uuidsIn);
  if (value && typeof value === 'object') return Object.values(value).flatMap(uuidsIn);
  return [];
};

/** Connections in an answer whose totalCount disagrees with what they list (first: 500 fits everything here). */
const miscountedConnections = (value: unknown, path = 'data'): string[] => {
  if (!value || typeof value !== 'object') return [];
  if (Array.isArray(value)) return value.flatMap((item, index) => miscountedConnections(item, `${path}.${index}`));
  const record = value as Record<string, unknown>;
  const { totalCount, nodes } = record;
  const own = typeof totalCount === 'number' && Array.isArray(nodes) && totalCount !== nodes.length;
  return [...(own ? [`${path}: totalCount ${String(totalCount)}, nodes ${(nodes as unknown[]).length}`] : []),
    ...Object.entries(record).flatMap(([key, item]) => miscountedConnections(item, `${path}.${key}`))];
};

const rootFieldOf = (document: string): string => {
  const operation = parse(document).definitions[0] as OperationDefinitionNode;
  const type = { query: 'Query', mutation: 'Mutation', subscription: 'Subscription' }[operation.operation];
  const fields = operation.selectionSet.selections.flatMap((selection) => (selection.kind === Kind.FIELD ? [selection.name.value] : []));
  return [...new Set(fields)].map((field) => `${type}.${field}`).join(',');
};

const probesOf = (column: Column): [string, Outcome, Probe][] =>
  Object.entries(SWEEP).flatMap(([field, entry]) => {
    if ('notApplicable' in entry) return [];
    const probes = entry[column];
    if ('notApplicable' in probes) return [];
    return [probes].flat().map((probe): [string, Outcome, Probe] => [field, probe.outcome, probe]);
  });

/**
 * A schema-driven isolation sweep: every root field has an entry in isolation-sweep.table.ts saying how to call it
 * with another workspace's ids and as a member whose portfolio lacks the record, or why isolation does not apply.
 */
describe('isolation sweep: every root field, with another workspace\'s ids and outside the caller\'s portfolio', () => {
  let t: TestApp;
  let s: Sweep;
  beforeAll(async () => {
    t = await startTestApp();
    s = await buildSweep(t);
  });
  afterAll(() => t.stop());

  const tokenOf = (caller: Caller): string =>
    ({ awayOwner: s.away.owner.token, ownMember: s.home.ownMember.token, teamManager: s.home.manager.token })[caller];

  async function send(probe: Probe, token: string, variables: Variables): Promise<Answer> {
    if (probe.overWebSocket) {
      const live = subscribe(t.ws(token), parse(probe.document) as TypedDocumentNode<Record<string, unknown>, Variables>, variables);
      try {
        return await live.next(3000);
      } finally {
        live.close();
      }
    }
    const { json } = await t.post(JSON.stringify({ query: probe.document, variables }), { authorization: `Bearer ${token}` });
    return json as Answer;
  }

  /** What the caller must never see: all of home for another workspace; the probed records (and their history) for a colleague. */
  async function victimIds(column: Column, variables: Variables): Promise<Set<string>> {
    if (column === 'otherWorkspace') return workspaceIds(t, s.home.workspaceId);
    const reachable = new Set([s.ownMemberAccount, s.relationshipType, s.characteristic, s.interestArea, s.documentType, s.leadSource,
      s.home.workspaceId, s.home.teamId, ...[s.home.owner, s.home.admin, s.home.manager, s.home.member, s.home.ownMember].map((a) => a.memberId)]);
    const records = [s.account.id, s.otherAccount, s.contact.id, s.looseContact, s.document, s.lead.id, ...uuidsIn(variables)].filter((id) => !reachable.has(id));
    const entries = (await t.app.db.query('SELECT id FROM timeline_entries WHERE account_id = ANY($1) OR record_id = ANY($1)', [records])) as { id: string }[];
    return new Set([...records, ...entries.map((entry) => entry.id)]);
  }

  it('every root field of the schema has an entry, and every entry is a root field of the schema', () => {
    const rootFields: string[] = [];
    for (const root of [t.app.schema.getQueryType(), t.app.schema.getMutationType(), t.app.schema.getSubscriptionType()]) {
      if (root && isObjectType(root)) rootFields.push(...Object.keys(root.getFields()).map((name) => `${root.name}.${name}`));
    }
    expect({ withoutEntry: rootFields.filter((field) => !(field in SWEEP)) }).toEqual({ withoutEntry: [] });
    expect({ notInSchema: Object.keys(SWEEP).filter((field) => !rootFields.includes(field)) }).toEqual({ notInSchema: [] });
  });

  it('every probe is a valid operation on the root field of its entry', () => {
    const problems = [...probesOf('otherWorkspace'), ...probesOf('outOfScope')].flatMap(([field, , probe]) => {
      const errors = validate(t.app.schema, parse(probe.document)).map((error) => `${field}: ${error.message}`);
      const root = rootFieldOf(probe.document);
      return root === field ? errors : [...errors, `${field}: the probe calls ${root}`];
    });
    expect(problems).toEqual([]);
  });

  describe.each([
    ['with ids of another workspace (its OWNER calls)', 'otherWorkspace' as const, 'awayOwner' as const],
    ['by a member of the same workspace whose portfolio lacks the record', 'outOfScope' as const, 'ownMember' as const],
  ])('%s', (_label, column, defaultCaller) => {
    it.each(probesOf(column))('%s → %s', async (field, _outcome, probe) => {
      const token = tokenOf(probe.caller ?? defaultCaller);
      const variableSets = await probe.calls(s);
      expect(variableSets.length).toBeGreaterThan(0);
      for (const [call, variables] of variableSets.entries()) {
        const label = { field, call };
        const digestBefore = field.startsWith('Mutation.') ? await databaseDigest(t) : null;
        const answer = await send(probe, token, variables);

        const data = answer.data ?? null;
        if (probe.outcome === 'NOT_FOUND' || probe.outcome === 'BAD_USER_INPUT') {
          expect({ ...label, code: answer.errors?.[0]?.extensions?.code, data }).toEqual({ ...label, code: probe.outcome, data: null });
        } else {
          expect({ ...label, errors: answer.errors ?? [] }).toEqual({ ...label, errors: [] });
        }
        if (probe.outcome === 'ROW_ERROR') {
          const rows = Object.values(data ?? {})[0] as { status: string }[];
          expect({ ...label, statuses: rows.map((row) => row.status) }).toEqual({ ...label, statuses: rows.map(() => 'ERROR') });
        }
        if (probe.outcome === 'LEFT_OUT') expect({ ...label, miscounted: miscountedConnections(data) }).toEqual({ ...label, miscounted: [] });

        const victims = await victimIds(column, variables);
        const seen = uuidsIn(data).filter((id) => victims.has(id));
        expect({ ...label, victimIdsInAnswer: seen }).toEqual({ ...label, victimIdsInAnswer: [] });
        if (digestBefore !== null) expect({ ...label, wroteSomething: (await databaseDigest(t)) !== digestBefore }).toEqual({ ...label, wroteSomething: false });
      }
    });
  });
});
