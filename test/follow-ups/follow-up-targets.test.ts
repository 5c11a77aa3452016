import { AccountTimelineKindsDocument, ContactTimelineDocument, FollowUpDocument, LeadTimelineDocument, UpdateContactDocument } from '../generated/graphql';
import { createAccount } from '../support/account-factories';
import { createContact } from '../support/contact-factories';
import { createDeal } from '../support/deal-factories';
import { createWorkspace, expectData, type TestWorkspace } from '../support/factories';
import { createFollowUp } from '../support/follow-up-factories';
import { createLead } from '../support/lead-factories';
import { startTestApp, type TestApp } from '../support/test-app';

type Answer = { errors?: readonly { extensions?: Record<string, unknown> }[] };
const codeOf = (answer: Answer) => answer.errors?.[0]?.extensions?.code;
const followUpIdOf = (entry: { data?: unknown }) => (entry.data as { followUpId?: string } | null)?.followUpId;

/** Follow-ups on each kind of target: the target's visibility applies and the entry lands on its timeline. */
describe('follow-up targets', () => {
  let t: TestApp;
  let ws: TestWorkspace;

  beforeAll(async () => {
    t = await startTestApp();
    ws = await createWorkspace(t, 'Targets');
  }, 60_000);
  afterAll(() => t.stop());

  it('on a deal: it carries the deal\'s account and shows in the account\'s timeline', async () => {
    const account = (await createAccount(t, ws.member.token, { name: 'Deal account' })).id;
    const deal = await createDeal(t, ws.member.token, account);
    const followUp = await createFollowUp(t, ws.member.token, deal.id, { targetType: 'DEAL', targetId: deal.id });
    expect(followUp).toMatchObject({ recordType: 'DEAL', recordId: deal.id, accountId: account });
    const { account: read } = expectData(await t.gql(AccountTimelineKindsDocument, { id: account }, { token: ws.member.token }));
    expect(read.timeline.nodes.find((entry) => followUpIdOf(entry) === followUp.id)).toMatchObject({ kind: 'FOLLOW_UP_CREATED', recordType: 'DEAL', recordId: deal.id });
  });

  it('on a lead: seen as the lead is (its assignee), and on the lead\'s timeline', async () => {
    const lead = await createLead(t, ws.member.token);
    const followUp = await createFollowUp(t, ws.member.token, lead.id, { targetType: 'LEAD', targetId: lead.id });
    expect(followUp.accountId).toBeNull();
    expect(codeOf(await t.gql(FollowUpDocument, { id: followUp.id }, { token: ws.ownMember.token }))).toBe('NOT_FOUND');
    const { lead: read } = expectData(await t.gql(LeadTimelineDocument, { id: lead.id }, { token: ws.member.token }));
    expect(read.timeline.nodes.map((entry) => [entry.kind, followUpIdOf(entry)])).toContainEqual(['FOLLOW_UP_CREATED', followUp.id]);
  });

  it('on a contact that moves to another account: the follow-up follows it (visible to the new account\'s owner)', async () => {
    const from = (await createAccount(t, ws.member.token, { name: 'From' })).id;
    const to = (await createAccount(t, ws.ownMember.token, { name: 'To' })).id;
    const contact = await createContact(t, ws.member.token, { accountId: from, firstName: 'Mover' });
    const followUp = await createFollowUp(t, ws.member.token, contact.id, { targetType: 'CONTACT', targetId: contact.id });
    expect(followUp.accountId).toBe(from);
    expect(codeOf(await t.gql(FollowUpDocument, { id: followUp.id }, { token: ws.ownMember.token }))).toBe('NOT_FOUND');
    expectData(await t.gql(UpdateContactDocument, { input: { id: contact.id, accountId: to } }, { token: ws.member.token }));
    const { followUp: moved } = expectData(await t.gql(FollowUpDocument, { id: followUp.id }, { token: ws.ownMember.token }));
    expect(moved.accountId).toBe(to);
    const { contact: read } = expectData(await t.gql(ContactTimelineDocument, { id: contact.id, first: 20 }, { token: ws.member.token }));
    expect(read.timeline.nodes.map((entry) => [entry.kind, followUpIdOf(entry)])).toContainEqual(['FOLLOW_UP_CREATED', followUp.id]);
  });
});
