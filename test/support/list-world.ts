import { randomBytes } from 'node:crypto';
import { UpsertAccountsDocument, UpsertLeadsDocument, UpsertProductsDocument } from '../generated/graphql';
import { upsertContacts } from './contact-factories';
import { createWorkspace, expectData, type TestWorkspace } from './factories';
import { createCharacteristic, createInterestArea, createRelationshipType } from './settings-factories';
import type { TestApp } from './test-app';

/** A workspace where every list field has `n` parents, each with something in the list. */
export interface ListWorld {
  n: number;
  /** A lead import with n columns and n rows, every row FAILED (so it writes no lead). */
  leadImportId: string;
  ws: TestWorkspace;
  /** The workspace OWNER's token (sees everything, may list members and API keys). */
  token: string;
}

const phoneOf = (i: number): string => `+34612345${String(600 + i)}`;

/**
 * Builds the world in bulk so the N+1 test stays fast: accounts and contacts through two upserts (plus one
 * renaming upsert, for ACCOUNT_UPDATED entries with changes), products and leads through upserts, the rest with set-based SQL: characteristics,
 * interests, relationships, documents, members, teams, API keys and characteristic definitions.
 * `createWorkspace` already brings 5 members and 1 team.
 */
export async function buildListWorld(t: TestApp, n: number): Promise<ListWorld> {
  const ws = await createWorkspace(t, `Lists ${n}`);
  const token = ws.owner.token;
  const rows = Array.from({ length: n }, (_, i) => ({
    externalId: `A-${i}`,
    name: `Account ${String(i).padStart(3, '0')}`,
    type: 'CUSTOMER' as const,
    emails: [`a${i}@example.test`],
    phones: [phoneOf(i)],
  }));
  expectData(await t.gql(UpsertAccountsDocument, { input: { rows } }, { token }));
  expectData(await t.gql(UpsertAccountsDocument, { input: { rows: rows.map((row) => ({ ...row, name: `${row.name} renamed` })) } }, { token }));
  await upsertContacts(
    t,
    token,
    rows.map((row, i) => ({ externalId: `C-${i}`, accountExternalId: row.externalId, firstName: `Person ${i}`, emails: [`c${i}@example.test`], phones: [phoneOf(i)] })),
  );
  const products = Array.from({ length: n }, (_, i) => ({
    externalId: `P-${i}`, sku: `P-${i}`, name: `Product ${i}`, unitPrice: '1', currency: 'EUR', taxRate: '0', unitOfMeasure: 'unit',
  }));
  expectData(await t.gql(UpsertProductsDocument, { input: { rows: products } }, { token }));
  const leads = Array.from({ length: n }, (_, i) => ({
    externalId: `L-${i}`, companyName: `Lead ${i}`, emails: [`l${i}@example.test`], phones: [phoneOf(i)], teamId: ws.teamId,
  }));
  expectData(await t.gql(UpsertLeadsDocument, { input: { rows: leads } }, { token }));
  const definition = await createCharacteristic(t, token, { name: 'Segment' });
  const area = await createInterestArea(t, token, 'Solar');
  const type = await createRelationshipType(t, token, { name: 'parent of', inverseName: 'subsidiary of' });

  const sql = (query: string, params: unknown[]) => t.app.db.query(query, params);
  const workspaceId = ws.workspaceId;
  const tag = randomBytes(4).toString('hex');
  await sql(
    `INSERT INTO account_characteristics (account_id, definition_id, workspace_id, text_value)
     SELECT id, $2, workspace_id, 'S' FROM accounts WHERE workspace_id = $1`,
    [workspaceId, definition.id],
  );
  await sql(
    `INSERT INTO account_interests (account_id, area_id, workspace_id, kind)
     SELECT id, $2, workspace_id, 'UNMET_NEED' FROM accounts WHERE workspace_id = $1`,
    [workspaceId, area.id],
  );
  await sql(
    `WITH ranked AS (SELECT id, row_number() OVER (ORDER BY id) AS rn, count(*) OVER () AS total FROM accounts WHERE workspace_id = $1)
     INSERT INTO account_relationships (workspace_id, from_account_id, to_account_id, type_id)
     SELECT $1, x.id, y.id, $2 FROM ranked x JOIN ranked y ON y.rn = x.rn % x.total + 1`,
    [workspaceId, type.id],
  );
  await sql(
    `INSERT INTO documents (workspace_id, record_type, record_id, account_id, owner_membership_id, file_name, content_type, size_bytes, sha256, created_by_member_id)
     SELECT workspace_id, 'ACCOUNT', id, id, NULL, 'a.txt', 'text/plain', 1, repeat('0', 64), CAST($2 AS uuid) FROM accounts WHERE workspace_id = $1
     UNION ALL
     SELECT workspace_id, 'CONTACT', id, account_id, owner_membership_id, 'c.txt', 'text/plain', 1, repeat('0', 64), CAST($2 AS uuid) FROM contacts WHERE workspace_id = $1
     UNION ALL
     SELECT workspace_id, 'LEAD', id, NULL, assignee_membership_id, 'l.txt', 'text/plain', 1, repeat('0', 64), CAST($2 AS uuid) FROM leads WHERE workspace_id = $1`,
    [workspaceId, ws.owner.memberId],
  );
  await sql(
    `WITH users_added AS (
       INSERT INTO users (email, name) SELECT 'bulk' || g || '.' || $3 || '@example.test', 'Bulk ' || g FROM generate_series(1, $2::int) g RETURNING id)
     INSERT INTO memberships (workspace_id, user_id, role, access_scope, status, version)
     SELECT $1, id, 'MEMBER', 'ALL', 'ACTIVE', 1 FROM users_added`,
    [workspaceId, n - 5, tag],
  );
  await sql(`INSERT INTO teams (workspace_id, name) SELECT $1, 'Bulk team ' || g FROM generate_series(1, $2::int) g`, [workspaceId, n - 1]);
  await sql(
    `WITH m AS (SELECT id, row_number() OVER (ORDER BY id) AS rn FROM memberships WHERE workspace_id = $1),
          t AS (SELECT id, row_number() OVER (ORDER BY id) AS rn FROM teams WHERE workspace_id = $1)
     INSERT INTO team_members (team_id, membership_id, workspace_id)
     SELECT t.id, m.id, $1 FROM m JOIN t ON t.rn = m.rn ON CONFLICT DO NOTHING`,
    [workspaceId],
  );
  // Member.assignedLeads: the i-th lead goes to the i-th member (its document's visibility follows, as assignLead does).
  await sql(
    `WITH l AS (SELECT id, row_number() OVER (ORDER BY id) AS rn FROM leads WHERE workspace_id = $1),
          m AS (SELECT id, row_number() OVER (ORDER BY id) AS rn FROM memberships WHERE workspace_id = $1)
     UPDATE leads SET assignee_membership_id = m.id FROM l JOIN m ON m.rn = l.rn WHERE leads.workspace_id = $1 AND leads.id = l.id`,
    [workspaceId],
  );
  await sql(
    `UPDATE documents d SET owner_membership_id = l.assignee_membership_id FROM leads l
      WHERE d.workspace_id = $1 AND l.workspace_id = $1 AND d.record_type = 'LEAD' AND d.record_id = l.id`,
    [workspaceId],
  );
  await sql(
    `INSERT INTO api_keys (workspace_id, name, prefix, secret_hash, scopes)
     SELECT $1, 'Bulk key ' || g, 'vk_' || $3 || '_' || g, 'not a real hash', ARRAY['accounts:read'] FROM generate_series(1, $2::int) g`,
    [workspaceId, n, tag],
  );
  await sql(
    `INSERT INTO characteristic_definitions (workspace_id, name, data_type, options)
     SELECT $1, 'Option ' || g, 'OPTION', ARRAY['yes', 'no'] FROM generate_series(1, $2::int) g`,
    [workspaceId, n - 1],
  );
  // n pipelines: the workspace's default one and n - 1 more, each with an OPEN, a WON and a LOST stage.
  await sql(
    `WITH p AS (
       INSERT INTO pipelines (version, workspace_id, name, strict_order, is_default)
       SELECT 1, $1, 'Bulk pipeline ' || g, false, false FROM generate_series(1, $2::int) g RETURNING id)
     INSERT INTO pipeline_stages (workspace_id, pipeline_id, name, position, probability, kind, required_fields)
     SELECT $1, p.id, s.name, s.position, s.probability, s.kind, s.required FROM p
      CROSS JOIN (VALUES ('Open', 0, 50, 'OPEN', '{AMOUNT}'::text[]), ('Won', 1, 100, 'WON', '{AMOUNT}'::text[]),
                         ('Lost', 2, 0, 'LOST', '{}'::text[])) AS s(name, position, probability, kind, required)`,
    [workspaceId, n - 1],
  );
  // n deals: one per account (with its contact), in the default pipeline's first stage, each with a line of a
  // product of its own and one stage change.
  await sql(
    `INSERT INTO deals (version, workspace_id, title, account_id, contact_ids, pipeline_id, stage_id, stage_entered_at, owner_membership_id,
                        currency, amount, line_count, subtotal, discount_total, tax_total, lines_total, status, search_text)
     SELECT 1, a.workspace_id, 'Deal of ' || a.name, a.id, ARRAY[c.id], p.id, s.id, now(), $2, 'EUR', 1, 1, 1, 0, 0, 1, 'OPEN', 'deal'
       FROM accounts a JOIN contacts c ON c.workspace_id = a.workspace_id AND c.account_id = a.id
       JOIN pipelines p ON p.workspace_id = a.workspace_id AND p.is_default
       JOIN pipeline_stages s ON s.pipeline_id = p.id AND s.position = 0
      WHERE a.workspace_id = $1`,
    [workspaceId, ws.owner.memberId],
  );
  await sql(
    `WITH d AS (SELECT id, row_number() OVER (ORDER BY id) AS rn FROM deals WHERE workspace_id = $1),
          p AS (SELECT id, name, row_number() OVER (ORDER BY id) AS rn FROM products WHERE workspace_id = $1)
     INSERT INTO deal_lines (workspace_id, deal_id, position, product_id, name, unit_of_measure, quantity, unit_price, discount_percent, tax_rate,
                             subtotal, discount_amount, tax_amount, total)
     SELECT $1, d.id, 0, p.id, p.name, 'unit', 1, 1, 0, 0, 1, 0, 0, 1 FROM d JOIN p ON p.rn = d.rn`,
    [workspaceId],
  );
  await sql(
    `INSERT INTO timeline_entries (workspace_id, kind, record_type, record_id, account_id, actor_member_id, data)
     SELECT workspace_id, 'DEAL_CREATED', 'DEAL', id, account_id, $2, jsonb_build_object('title', title) FROM deals WHERE workspace_id = $1`,
    [workspaceId, ws.owner.memberId],
  );
  await sql(
    `INSERT INTO deal_stage_changes (workspace_id, deal_id, from_stage_id, to_stage_id, seconds_in_from_stage, actor_member_id)
     SELECT workspace_id, id, stage_id, stage_id, 60, $2 FROM deals WHERE workspace_id = $1`,
    [workspaceId, ws.owner.memberId],
  );
  // n follow-up chains: on each account a DONE follow-up continued by an OPEN one (the i-th due on 2030-01-01 + i
  // days, 13:00 UTC, for the agenda), the OPEN one postponed once.
  await sql(
    `WITH roots AS (
       INSERT INTO follow_ups (id, version, workspace_id, subject, type_id, record_type, record_id, account_id, assignee_membership_id, due_at,
                               duration_minutes, status, outcome, chain_root_id, created_by_member_id, created_at)
       SELECT r.id, 1, a.workspace_id, 'First call', ft.id, 'ACCOUNT', a.id, a.id, $2, TIMESTAMPTZ '2030-01-01 12:00Z' + a.rn * interval '1 day',
              15, 'DONE', 'FAILURE', r.id, $2, now() - interval '1 day'
         FROM (SELECT id, workspace_id, row_number() OVER (ORDER BY id) AS rn FROM accounts WHERE workspace_id = $1) a
         CROSS JOIN LATERAL (SELECT gen_random_uuid() AS id) r
         JOIN follow_up_types ft ON ft.workspace_id = a.workspace_id AND ft.kind = 'CALL'
       RETURNING id, workspace_id, type_id, record_id, due_at),
     nexts AS (
       INSERT INTO follow_ups (version, workspace_id, subject, type_id, record_type, record_id, account_id, assignee_membership_id, due_at,
                               duration_minutes, status, parent_id, chain_root_id, created_by_member_id)
       SELECT 1, workspace_id, 'Second call', type_id, 'ACCOUNT', record_id, record_id, $2, due_at + interval '1 hour', 15, 'OPEN', id, id, $2 FROM roots
       RETURNING id, workspace_id, due_at)
     INSERT INTO follow_up_postponements (workspace_id, follow_up_id, from_due_at, to_due_at, hours, reason, actor_member_id)
     SELECT workspace_id, id, due_at - interval '24 hours', due_at, 24, 'Busy', $2 FROM nexts`,
    [workspaceId, ws.owner.memberId],
  );
  // n web forms, each with a SELECT field (options) and an allowed origin.
  await t.app.db.query(
    `INSERT INTO web_forms (version, workspace_id, name, public_key, fields, source_id, allowed_origins)
     SELECT 1, $1, 'Form ' || i, md5(random()::text || i),
            '[{"name":"email","label":"Email","type":"EMAIL","required":true,"options":[],"mapsTo":"EMAIL"},
              {"name":"topic","label":"Topic","type":"SELECT","required":false,"options":["Sales","Support"],"mapsTo":null}]'::jsonb,
            (SELECT id FROM lead_sources WHERE workspace_id = $1 AND code = 'WEB_FORM'), ARRAY['https://site' || i || '.example']
       FROM generate_series(1, $2::int) i`,
    [workspaceId, n],
  );
  // An observation and an activity entry on each OPEN follow-up.
  await sql(
    `INSERT INTO follow_up_observations (workspace_id, follow_up_id, text, actor_member_id)
     SELECT workspace_id, id, 'Noted', $2 FROM follow_ups WHERE workspace_id = $1 AND status = 'OPEN'`,
    [workspaceId, ws.owner.memberId],
  );
  await sql(
    `INSERT INTO follow_up_activities (workspace_id, follow_up_id, definition_id, note, occurred_at, actor_member_id)
     SELECT f.workspace_id, f.id, d.id, 'Answered', now(), $2 FROM follow_ups f
       JOIN follow_up_activity_definitions d ON d.workspace_id = f.workspace_id AND d.name = 'Customer answered'
      WHERE f.workspace_id = $1 AND f.status = 'OPEN'`,
    [workspaceId, ws.owner.memberId],
  );
  // A supporting document on each OPEN follow-up (FollowUp.documents), anchored as attachDocument anchors it.
  await sql(
    `INSERT INTO documents (workspace_id, record_type, record_id, account_id, owner_membership_id, file_name, content_type, size_bytes, sha256, created_by_member_id)
     SELECT workspace_id, 'FOLLOW_UP', id, account_id, owner_membership_id, 'f.txt', 'text/plain', 1, repeat('0', 64), CAST($2 AS uuid)
       FROM follow_ups WHERE workspace_id = $1 AND status = 'OPEN'`,
    [workspaceId, ws.owner.memberId],
  );
  // A lead import of n columns and n rows whose every row fails (an invalid email): n row results, no lead.
  const header = Array.from({ length: n }, (_, i) => `C${i}`);
  const body = [header.join(','), ...Array.from({ length: n }, (_, i) => header.map((_c, j) => (j === 0 ? `bad-email-${i}` : 'x')).join(','))].join('\n');
  const form = new FormData();
  form.append('options', JSON.stringify({ mapping: { C0: 'emails' } }));
  form.append('file', new Blob([body]), 'world.csv');
  const response = await fetch(`${t.url}/imports`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
  const leadImportId = ((await response.json()) as { import: { id: string } }).import.id;
  await t.app.services.leadImportRunner.run(workspaceId, leadImportId);
  return { n, ws, token, leadImportId };
}
