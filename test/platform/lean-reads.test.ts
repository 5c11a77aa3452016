import {
  LeanAccountByIdDocument,
  LeanAccountsThroughFragmentsDocument,
  LeanAccountWalkDocument,
  LeanContactWalkDocument,
  type AccountOrderField,
  type LeanAccountWalkQuery,
  type OrderDirection,
} from '../generated/graphql';
import { Client } from 'pg';
import { projectionOf } from '../../src/platform/data/lean-rows';
import type { Principal } from '../../src/platform/auth/principal';
import { createAccount } from '../support/account-factories';
import { createContact } from '../support/contact-factories';
import { createWorkspace, expectData, type TestWorkspace } from '../support/factories';
import { startTestApp, type TestApp } from '../support/test-app';

// The lean read path (src/platform/data/lean-rows.ts): lists and `account(id)` load only the columns the
// selection needs, as plain rows. These specify that nothing a client can ask for is lost on the way.
describe('lean reads', () => {
  let t: TestApp;
  let ws: TestWorkspace;
  beforeAll(async () => {
    t = await startTestApp();
    ws = await createWorkspace(t, 'Lean');
  });
  afterAll(() => t.stop());

  it('a page answers every field its selection asks for, through fragments and inline fragments, as account(id) does', async () => {
    const token = ws.member.token;
    const account = await createAccount(t, token, {
      name: 'Lean Fragments SA',
      type: 'OTHER',
      emails: ['hola@lean.example'],
      billingAddress: { city: 'Sevilla', country: 'ES' },
      externalId: 'LEAN-1',
    });
    await createContact(t, token, { accountId: account.id, firstName: 'Ana', lastName: 'Lean', emails: ['ana@lean.example'] });

    const page = expectData(await t.gql(LeanAccountsThroughFragmentsDocument, { ids: [account.id] }, { token })).accounts;
    const node = page.edges[0].node;
    expect(node).toMatchObject({
      id: account.id,
      name: 'Lean Fragments SA',
      typeLabel: 'Other',
      emails: ['hola@lean.example'],
      billingAddress: { city: 'Sevilla', country: 'ES' },
      createdBy: { kind: 'MEMBER', member: { id: ws.member.memberId } },
      archivedBy: null,
      version: 1,
      externalId: 'LEAN-1',
    });
    expect(node.contacts).toEqual([
      { id: expect.any(String), firstName: 'Ana', emails: ['ana@lean.example'], account: { id: account.id, name: 'Lean Fragments SA' } },
    ]);

    const { account: byId } = expectData(await t.gql(LeanAccountByIdDocument, { id: account.id }, { token }));
    const { contacts: _contacts, ...pageFields } = node;
    expect(byId).toEqual(pageFields);
  });

  it.each<[AccountOrderField, OrderDirection]>([
    ['NAME', 'ASC'],
    ['NAME', 'DESC'],
    ['CREATED_AT', 'DESC'],
    ['UPDATED_AT', 'ASC'],
  ])('cursors of lean pages walk the whole list by %s %s, forward and back, each account once', async (field, direction) => {
    const other = await createWorkspace(t, `Walk ${field} ${direction}`);
    const token = other.member.token;
    for (const name of ['Delta', 'alpha', 'Charlie', 'bravo', 'Echo']) await createAccount(t, token, { name });
    const orderBy = [{ field, direction }];
    const all = expectData(await t.gql(LeanAccountWalkDocument, { first: 50, orderBy }, { token })).accounts.nodes.map((n) => n.id);
    expect(all).toHaveLength(5);

    const forward: string[] = [];
    let after: string | null = null;
    for (;;) {
      const { accounts }: LeanAccountWalkQuery = expectData(await t.gql(LeanAccountWalkDocument, { first: 2, after, orderBy }, { token }));
      forward.push(...accounts.nodes.map((n) => n.id));
      if (!accounts.pageInfo.hasNextPage) break;
      after = accounts.pageInfo.endCursor ?? null;
    }
    expect(forward).toEqual(all);

    const backward: string[] = [];
    let before: string | null = null;
    for (;;) {
      const { accounts }: LeanAccountWalkQuery = expectData(await t.gql(LeanAccountWalkDocument, { last: 2, before, orderBy }, { token }));
      backward.unshift(...accounts.nodes.map((n) => n.id));
      if (!accounts.pageInfo.hasPreviousPage) break;
      before = accounts.pageInfo.startCursor ?? null;
    }
    expect(backward).toEqual(all);
  });

  it('edge cursors of a lean contacts page continue the list where the page ended', async () => {
    const other = await createWorkspace(t, 'Contact walk');
    const token = other.member.token;
    const account = await createAccount(t, token);
    for (const lastName of ['Zubiri', 'Abad', 'Moreno']) await createContact(t, token, { accountId: account.id, firstName: 'X', lastName });
    const first = expectData(await t.gql(LeanContactWalkDocument, { first: 1 }, { token })).contacts;
    const rest = expectData(await t.gql(LeanContactWalkDocument, { first: 5, after: first.edges[0].cursor }, { token })).contacts;
    expect([...first.edges, ...rest.edges].map((edge) => edge.node.lastName)).toEqual(['Abad', 'Moreno', 'Zubiri']);
  });

  it('under tests, reading a property a lean row did not load throws instead of answering undefined', async () => {
    await createAccount(t, ws.member.token, { name: 'Lean Guard' });
    const principal: Principal = { kind: 'apiKey', workspaceId: ws.workspaceId, apiKeyId: '00000000-0000-0000-0000-000000000000', scopes: new Set(['accounts:read']) };
    const page = await t.app.services.accounts.list(principal, { first: 1 }, projectionOf(['name']));
    const [row] = page.nodes;
    expect(typeof row.name).toBe('string');
    expect(() => row.type).toThrow(/"type" was not loaded/);
  });

  it('text arrays read lean (as JSON) are exactly what the driver parses from the array: quotes, commas, braces, nulls, empties', async () => {
    // Lean rows read text[] columns with to_json (the driver's JSON.parse instead of its array parser): lossless.
    const client = new Client({ connectionString: t.databaseUrl });
    await client.connect();
    try {
      const literal = `ARRAY['a,b', 'q"uote', 'back\\slash', '{br}', 'ñ ✓', NULL, '', ' spaced ']::text[]`;
      const { rows } = await client.query<{ asJson: unknown; asArray: unknown; emptyJson: unknown; emptyArray: unknown }>(
        `SELECT to_json(${literal}) AS "asJson", ${literal} AS "asArray", to_json('{}'::text[]) AS "emptyJson", '{}'::text[] AS "emptyArray"`,
      );
      expect(rows[0].asJson).toEqual(rows[0].asArray);
      expect(rows[0].asArray).toEqual(['a,b', 'q"uote', 'back\\slash', '{br}', 'ñ ✓', null, '', ' spaced ']);
      expect(rows[0].emptyJson).toEqual([]);
      expect(rows[0].emptyArray).toEqual([]);
    } finally {
      await client.end();
    }
  });

  it('instants embedded as epoch milliseconds are the Dates the driver parses: microseconds dropped the same way, before 1970 too', async () => {
    // Embedded reads (data/embedded-reads.ts) send timestamptz as FLOOR(EXTRACT(EPOCH FROM t) * 1000).
    const client = new Client({ connectionString: t.databaseUrl });
    await client.connect();
    try {
      const instants = ['2026-12-02 17:08:27.123999+00', '2026-03-29 01:59:59.9999+01', '1969-12-31 23:59:59.9995+00', '1900-01-01 00:00:00.000001+00', '1970-01-01 00:00:00+00'];
      for (const instant of instants) {
        const { rows } = await client.query<{ parsed: Date; epoch: unknown }>(
          `SELECT CAST($1 AS timestamptz) AS parsed, json_build_object('t', FLOOR(EXTRACT(EPOCH FROM CAST($1 AS timestamptz)) * 1000)) AS epoch`,
          [instant],
        );
        const embedded = new Date((rows[0].epoch as { t: number }).t);
        expect(embedded.toISOString()).toBe(rows[0].parsed.toISOString());
      }
    } finally {
      await client.end();
    }
  });
});

