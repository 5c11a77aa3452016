import {
  AccountDocument,
  AccountTimelineDocument,
  ContactDocument,
  ContactTimelineDocument,
  MemberDocument,
  UpdateAccountDocument,
  UpdateContactDocument,
  UpdateMemberDocument,
} from '../generated/graphql';
import { createAccount } from '../support/account-factories';
import { createContact } from '../support/contact-factories';
import { addMember, createWorkspace, expectData, type TestWorkspace } from '../support/factories';
import { startTestApp, type GqlResult, type TestApp } from '../support/test-app';

const RACERS = 10;

/** Sends `RACERS` requests at once (each over its own HTTP request) and splits the winners from the errors. */
async function race<T>(send: (racer: number) => Promise<GqlResult<T>>) {
  const results = await Promise.all(Array.from({ length: RACERS }, (_, racer) => send(racer)));
  return {
    winners: results.filter((result) => !result.errors?.length),
    losers: results.filter((result) => result.errors?.length),
  };
}

/** Every loser is a CONFLICT saying why and naming the version the winner left. */
function expectConflicts(
  losers: { errors?: readonly { message: string; extensions?: Record<string, unknown> }[] }[],
  currentVersion = 2,
) {
  for (const loser of losers) {
    expect(loser.errors).toHaveLength(1);
    expect(loser.errors?.[0].message).toMatch(/changed since you read it/);
    expect(loser.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', currentVersion });
  }
}

describe('racing updates with the same expectedVersion: exactly one wins', () => {
  let t: TestApp;
  let ws: TestWorkspace;
  beforeAll(async () => {
    t = await startTestApp();
    ws = await createWorkspace(t);
  });
  afterAll(() => t.stop());

  it(`${RACERS} concurrent updateAccount at version 1: one succeeds, the rest are CONFLICT, version 2, one timeline entry`, async () => {
    const account = await createAccount(t, ws.member.token, { name: 'Contended account' });
    const { winners, losers } = await race((racer) =>
      t.gql(UpdateAccountDocument, { input: { id: account.id, expectedVersion: 1, name: `Edit ${racer}` } }, { token: ws.member.token }),
    );
    expect(winners).toHaveLength(1);
    expect(losers).toHaveLength(RACERS - 1);
    expectConflicts(losers);
    const winner = expectData(winners[0]).updateAccount;
    const { account: reread } = expectData(await t.gql(AccountDocument, { id: account.id }, { token: ws.member.token }));
    expect(reread).toMatchObject({ version: 2, name: winner.name });
    const { account: history } = expectData(
      await t.gql(AccountTimelineDocument, { id: account.id, kinds: ['ACCOUNT_UPDATED'] }, { token: ws.member.token }),
    );
    expect(history.timeline.nodes.map((entry) => entry.changes)).toEqual([
      [{ field: 'name', before: 'Contended account', after: winner.name }],
    ]);
  });

  it(`${RACERS} concurrent updateContact at version 1: one succeeds, the rest are CONFLICT, version 2, one timeline entry`, async () => {
    const contact = await createContact(t, ws.member.token, { firstName: 'Contended' });
    const { winners, losers } = await race((racer) =>
      t.gql(UpdateContactDocument, { input: { id: contact.id, expectedVersion: 1, firstName: `Edit ${racer}` } }, { token: ws.member.token }),
    );
    expect(winners).toHaveLength(1);
    expect(losers).toHaveLength(RACERS - 1);
    expectConflicts(losers);
    const winner = expectData(winners[0]).updateContact;
    const { contact: reread } = expectData(await t.gql(ContactDocument, { id: contact.id }, { token: ws.member.token }));
    expect(reread).toMatchObject({ version: 2, firstName: winner.firstName });
    const { contact: history } = expectData(await t.gql(ContactTimelineDocument, { id: contact.id }, { token: ws.member.token }));
    const updates = history.timeline.nodes.filter((entry) => entry.kind !== 'CONTACT_CREATED');
    expect(updates).toHaveLength(1);
    expect(updates[0].changes).toEqual([{ field: 'firstName', before: 'Contended', after: winner.firstName }]);
  });

  it(`${RACERS} concurrent updateMember at the version read: one succeeds, the rest are CONFLICT, version + 1`, async () => {
    const target = await addMember(t, ws.owner.token, 'MEMBER', 'ALL');
    const { member: before } = expectData(await t.gql(MemberDocument, { id: target.memberId }, { token: ws.admin.token }));
    // Every racer asks for a scope other than the current ALL, so each would change the row if it got through.
    const { winners, losers } = await race((racer) =>
      t.gql(
        UpdateMemberDocument,
        { input: { memberId: target.memberId, expectedVersion: before.version, accessScope: racer % 2 ? 'TEAM' : 'OWN' } },
        { token: ws.admin.token },
      ),
    );
    expect(winners).toHaveLength(1);
    expect(losers).toHaveLength(RACERS - 1);
    expectConflicts(losers, before.version + 1);
    const { member: after } = expectData(await t.gql(MemberDocument, { id: target.memberId }, { token: ws.admin.token }));
    expect(after).toMatchObject({ version: before.version + 1, accessScope: expectData(winners[0]).updateMember.accessScope });
  });
});
