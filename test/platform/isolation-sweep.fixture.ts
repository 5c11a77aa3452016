import { randomBytes } from 'node:crypto';
import {
  AddCommentDocument,
  ArchiveAccountDocument,
  ArchiveContactDocument,
  AttachDocumentDocument,
  CreateApiKeyDocument,
  CreateDocumentTypeDocument,
  DealLostReasonsDocument,
  CreateLeadAssignmentRuleDocument,
  InviteMemberDocument,
  LoseDealDocument,
  SetAccountInterestDocument,
} from '../generated/graphql';
import { createAccount } from '../support/account-factories';
import { createProduct, createProductCategory } from '../support/catalog-factories';
import { createContact } from '../support/contact-factories';
import { createDeal, createPipeline } from '../support/deal-factories';
import { createFollowUp, followUpTypeId } from '../support/follow-up-factories';
import { createLead, leadSourceId } from '../support/lead-factories';
import { createWorkspace, expectData, type TestWorkspace } from '../support/factories';
import { createCharacteristic, createInterestArea, createRelationshipType, linkAccounts } from '../support/settings-factories';
import type { TestApp } from '../support/test-app';

const hex = (): string => randomBytes(4).toString('hex');

/** Every victim record's name starts with this, so a search for it must find nothing of theirs. */
export const VICTIM_NAME = 'Sweepvictim';

/**
 * Two workspaces. `home` is the victim: its records belong to home.member, outside the reach of home.ownMember
 * (OWN scope) and home.manager (TEAM scope, a team without home.member). `away` is another workspace whose
 * OWNER probes home's ids; it has records of its own, so its lists are not trivially empty.
 */
export interface Sweep {
  t: TestApp;
  home: TestWorkspace;
  away: TestWorkspace;
  /** Shared records of home (queries read them; mutations get fresh ones from the builders below). */
  account: { id: string; externalId: string };
  otherAccount: string;
  contact: { id: string; externalId: string };
  looseContact: string;
  document: string;
  relationshipType: string;
  characteristic: string;
  interestArea: string;
  documentType: string;
  /** home's account owned by home.ownMember (what they may link from). */
  ownMemberAccount: string;
  awayAccount: string;
  awayRelationshipType: string;
  awayCharacteristic: string;
  awayInterestArea: string;
  /** home's catalog: a product (in the category) and a product category. */
  product: { id: string; externalId: string };
  productCategory: string;
  /** home's pipeline (with its stages), and away's default pipeline. */
  pipeline: { id: string; stageIds: string[] };
  awayPipeline: string;
  /** home's deal on `account` (owned by home.member), and a deal of away's. */
  deal: string;
  awayDeal: string;
  /** One of home's lost reasons. */
  lostReason: string;
  /** home's lead assigned to home.member (outside ownMember's and the TEAM manager's reach), and its MANUAL source. */
  lead: { id: string; externalId: string };
  leadSource: string;
  /** home's follow-up on `account`, assigned to home.member; home's and away's CALL follow-up types. */
  followUp: string;
  /** A supporting document on `followUp` (anchored to the follow-up: as visible as it is). */
  followUpDocument: string;
  followUpType: string;
  awayFollowUpType: string;
}

export async function buildSweep(t: TestApp): Promise<Sweep> {
  const home = await createWorkspace(t, 'Home');
  const away = await createWorkspace(t, 'Away');
  const accountExternalId = `ERP-${hex()}`;
  const account = await createAccount(t, home.member.token, { name: `${VICTIM_NAME} ${hex()}`, externalId: accountExternalId, taxId: 'B99887766' });
  const contactExternalId = `CRM-${hex()}`;
  const contact = await createContact(t, home.member.token, { accountId: account.id, firstName: VICTIM_NAME, externalId: contactExternalId, emails: ['victim@home.example'] });
  const sweep: Sweep = {
    t,
    home,
    away,
    account: { id: account.id, externalId: accountExternalId },
    otherAccount: (await createAccount(t, home.member.token, { name: `${VICTIM_NAME} ${hex()}` })).id,
    contact: { id: contact.id, externalId: contactExternalId },
    looseContact: (await createContact(t, home.member.token, { firstName: `${VICTIM_NAME} loose` })).id,
    document: '',
    relationshipType: (await createRelationshipType(t, home.admin.token)).id,
    characteristic: (await createCharacteristic(t, home.admin.token)).id,
    interestArea: (await createInterestArea(t, home.admin.token)).id,
    documentType: expectData(await t.gql(CreateDocumentTypeDocument, { input: { name: `Type ${hex()}` } }, { token: home.admin.token }))
      .createDocumentType.id,
    ownMemberAccount: (await createAccount(t, home.ownMember.token, { name: `Own ${hex()}` })).id,
    awayAccount: (await createAccount(t, away.member.token, { name: `Away ${hex()}` })).id,
    awayRelationshipType: (await createRelationshipType(t, away.admin.token)).id,
    awayCharacteristic: (await createCharacteristic(t, away.admin.token)).id,
    awayInterestArea: (await createInterestArea(t, away.admin.token)).id,
    product: { id: '', externalId: `PIM-${hex()}` },
    productCategory: (await createProductCategory(t, home.manager.token, null, `${VICTIM_NAME} ${hex()}`)).id,
    pipeline: await createPipeline(t, home.admin.token, { name: `${VICTIM_NAME} ${hex()}` }).then((p) => ({ id: p.id, stageIds: p.stages.map((s) => s.id) })),
    awayPipeline: (await createPipeline(t, away.admin.token)).id,
    deal: '',
    awayDeal: '',
    lostReason: expectData(await t.gql(DealLostReasonsDocument, {}, { token: home.member.token })).dealLostReasons[0].id,
    lead: { id: '', externalId: '' },
    leadSource: await leadSourceId(t, home.workspaceId, 'MANUAL'),
    followUp: '',
    followUpDocument: '',
    followUpType: await followUpTypeId(t, home.member.token),
    awayFollowUpType: await followUpTypeId(t, away.member.token),
  };
  sweep.deal = (await createDeal(t, home.member.token, account.id, { title: `${VICTIM_NAME} deal`, contactIds: [contact.id], externalId: `DEAL-${hex()}` })).id;
  sweep.awayDeal = (await createDeal(t, away.member.token, sweep.awayAccount, { title: `Away deal ${hex()}` })).id;
  sweep.lead = await freshLead(sweep);
  sweep.followUp = await freshFollowUp(sweep);
  sweep.product.id = (await createProduct(t, home.manager.token, { name: `${VICTIM_NAME} ${hex()}`, externalId: sweep.product.externalId, categoryId: sweep.productCategory })).id;
  sweep.document = await freshDocument(sweep, account.id);
  sweep.followUpDocument = await freshDocument(sweep, sweep.followUp);
  await linkAccounts(t, home.member.token, { fromAccountId: account.id, toAccountId: sweep.otherAccount, typeId: sweep.relationshipType });
  expectData(await t.gql(AddCommentDocument, { input: { recordId: account.id, body: 'victim comment' } }, { token: home.member.token }));
  await createAccount(t, away.member.token, { name: `Away ${hex()}` });
  await freshApiKey(sweep);
  return sweep;
}

// Fresh targets for mutating probes, so that no probe depends on another's (refused) writes.

export async function freshAccount(s: Sweep, options: { archived?: boolean } = {}) {
  const externalId = `ERP-${hex()}`;
  const { id } = await createAccount(s.t, s.home.member.token, { name: `${VICTIM_NAME} ${hex()}`, externalId });
  if (options.archived) expectData(await s.t.gql(ArchiveAccountDocument, { input: { id } }, { token: s.home.member.token }));
  return { id, externalId };
}

export async function freshContact(s: Sweep, options: { archived?: boolean } = {}) {
  const externalId = `CRM-${hex()}`;
  const { id } = await createContact(s.t, s.home.member.token, { accountId: s.account.id, firstName: VICTIM_NAME, externalId });
  if (options.archived) expectData(await s.t.gql(ArchiveContactDocument, { input: { id } }, { token: s.home.member.token }));
  return { id, externalId };
}

export async function freshDocument(s: Sweep, recordId = s.account.id): Promise<string> {
  const { attachDocument } = expectData(
    await s.t.gql(
      AttachDocumentDocument,
      { input: { recordId, fileName: `${hex()}.txt`, contentBase64: Buffer.from('victim').toString('base64') } },
      { token: s.home.member.token },
    ),
  );
  return attachDocument.id;
}

export async function freshLink(s: Sweep): Promise<string> {
  const { id } = await freshAccount(s);
  return (await linkAccounts(s.t, s.home.member.token, { fromAccountId: id, toAccountId: s.otherAccount, typeId: s.relationshipType })).id;
}

/** A fresh account with an interest in the shared area (what removeAccountInterest would remove). */
export async function freshInterest(s: Sweep): Promise<string> {
  const { id } = await freshAccount(s);
  expectData(
    await s.t.gql(SetAccountInterestDocument, { input: { accountId: id, areaId: s.interestArea, kind: 'INTEREST' } }, { token: s.home.member.token }),
  );
  return id;
}

export async function freshApiKey(s: Sweep): Promise<string> {
  const { createApiKey: created } = expectData(
    await s.t.gql(CreateApiKeyDocument, { input: { name: `key ${hex()}`, scopes: ['accounts:read'] } }, { token: s.home.admin.token }),
  );
  return created.apiKey.id;
}

export async function freshMember(s: Sweep): Promise<string> {
  const { inviteMember } = expectData(
    await s.t.gql(
      InviteMemberDocument,
      { input: { email: `invitee.${hex()}@example.test`, role: 'MEMBER', accessScope: 'ALL' } },
      { token: s.home.owner.token },
    ),
  );
  return inviteMember.member.id;
}

/** A fresh product of home's catalog (what update/archive probes target). */
export async function freshProduct(s: Sweep): Promise<string> {
  return (await createProduct(s.t, s.home.manager.token, { name: `${VICTIM_NAME} ${hex()}`, externalId: `PIM-${hex()}` })).id;
}

/** A fresh pipeline of home's (what update/archive probes target). */
export async function freshPipeline(s: Sweep): Promise<string> {
  return (await createPipeline(s.t, s.home.admin.token, { name: `${VICTIM_NAME} ${hex()}` })).id;
}

/** A fresh deal of home's, on the shared account (what update / move probes target). */
export async function freshDeal(s: Sweep): Promise<string> {
  return (await freshDealWithKey(s)).id;
}

export async function freshDealWithKey(s: Sweep): Promise<{ id: string; externalId: string }> {
  const externalId = `DEAL-${hex()}`;
  const { id } = await createDeal(s.t, s.home.member.token, s.account.id, { title: `${VICTIM_NAME} ${hex()}`, externalId });
  return { id, externalId };
}

/** A fresh line (on a fresh deal) of home's (what line probes target). */
export async function freshDealLine(s: Sweep): Promise<string> {
  const deal = await createDeal(s.t, s.home.member.token, s.account.id, { lines: [{ productId: s.product.id, quantity: '1' }] });
  return deal.lines[0].id;
}

/** A fresh deal of home's, lost (what reopenDeal probes target). */
export async function freshClosedDeal(s: Sweep): Promise<string> {
  const id = await freshDeal(s);
  expectData(await s.t.gql(LoseDealDocument, { input: { id, reasonId: s.lostReason } }, { token: s.home.member.token }));
  return id;
}

/** A fresh lead of home, assigned to home.member (what update/assign/close probes target). */
export async function freshLead(s: Sweep): Promise<{ id: string; externalId: string }> {
  const externalId = `LEAD-${hex()}`;
  const { id } = await createLead(s.t, s.home.member.token, { title: `${VICTIM_NAME} lead ${hex()}`, externalId, emails: ['victim.lead@home.example'] });
  return { id, externalId };
}

/** A fresh lead of the caller's own (e.g. away's owner, home's ownMember): what convertLead probes link foreign records to. */
export async function ownLead(s: Sweep, token: string): Promise<string> {
  return (await createLead(s.t, token, { title: `Own lead ${hex()}` })).id;
}

/** A fresh OPEN follow-up of home on the shared account, assigned to home.member (what follow-up commands target). */
export async function freshFollowUp(s: Sweep): Promise<string> {
  return (await createFollowUp(s.t, s.home.member.token, s.account.id, { subject: `${VICTIM_NAME} follow-up ${hex()}`, typeId: s.followUpType })).id;
}

/** A fresh assignment rule of home (round robin in its team). */
export async function freshAssignmentRule(s: Sweep): Promise<string> {
  const { createLeadAssignmentRule } = expectData(
    await s.t.gql(CreateLeadAssignmentRuleDocument, { input: { name: freshSettingName(), kind: 'ROUND_ROBIN', teamId: s.home.teamId } }, { token: s.home.admin.token }),
  );
  return createLeadAssignmentRule.id;
}

export const freshSettingName = (): string => `Setting ${hex()}`;

/** Ids of every row of `workspaceId` (and the workspace itself): what another workspace must never see. */
export async function workspaceIds(t: TestApp, workspaceId: string): Promise<Set<string>> {
  const tables = (await t.app.db.query(
    `SELECT c.table_name AS name FROM information_schema.columns c
       JOIN information_schema.columns i ON i.table_schema = c.table_schema AND i.table_name = c.table_name AND i.column_name = 'id'
      WHERE c.table_schema = 'public' AND c.column_name = 'workspace_id'`,
  )) as { name: string }[];
  const union = tables.map(({ name }) => `SELECT id::text AS id FROM "${name}" WHERE workspace_id = $1`).join(' UNION ALL ');
  const rows = (await t.app.db.query(union, [workspaceId])) as { id: string }[];
  return new Set([workspaceId, ...rows.map((row) => row.id)]);
}

/**
 * A digest of every row of every table (API keys' last-used time aside, which authentication touches): equal
 * before and after a refused mutation proves it wrote nothing anywhere.
 */
export async function databaseDigest(t: TestApp): Promise<string> {
  const tables = (await t.app.db.query(
    `SELECT table_name AS name FROM information_schema.tables
      WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name NOT IN ('migrations', 'typeorm_metadata')
      ORDER BY table_name`,
  )) as { name: string }[];
  const parts = tables.map(
    ({ name }) =>
      `SELECT '${name}' AS t, md5(coalesce(string_agg((to_jsonb(r) - 'last_used_at')::text, '|' ORDER BY (to_jsonb(r) - 'last_used_at')::text), '')) AS d FROM "${name}" r`,
  );
  const rows = (await t.app.db.query(parts.join(' UNION ALL '))) as { t: string; d: string }[];
  return rows.map((row) => `${row.t}:${row.d}`).join(',');
}

/** A lead import of home's, started by home.member (seen by them and MANAGER+ only), via POST /imports. */
export async function freshLeadImport(s: Sweep): Promise<string> {
  const form = new FormData();
  form.append('options', JSON.stringify({ mapping: { Company: 'companyName' } }));
  form.append('file', new Blob(['Company\nVictim import\n']), 'victim.csv');
  const response = await fetch(`${s.t.url}/imports`, { method: 'POST', headers: { authorization: `Bearer ${s.home.member.token}` }, body: form });
  const answer = (await response.json()) as { import: { id: string } };
  return answer.import.id;
}

/** A file of home's uploaded by home.member without options (for importLeads), via POST /imports. */
export async function freshLeadUpload(s: Sweep): Promise<string> {
  const form = new FormData();
  form.append('file', new Blob(['Company\nVictim upload\n']), 'victim.csv');
  const response = await fetch(`${s.t.url}/imports`, { method: 'POST', headers: { authorization: `Bearer ${s.home.member.token}` }, body: form });
  return ((await response.json()) as { upload: { id: string } }).upload.id;
}
