import { Client } from 'pg';
import { AccountTimelineDocument, AddCommentDocument, AttachDocumentDocument } from '../generated/graphql';
import { createAccount } from '../support/account-factories';
import { createContact } from '../support/contact-factories';
import { createWorkspace, expectData, type TestWorkspace } from '../support/factories';
import { startTestApp, type TestApp } from '../support/test-app';

/**
 * Documents and comments anchor to the account their record has when they commit. The test forces the race:
 * it holds the contact FOR UPDATE in its own transaction (as a move does), starts the command, waits until the
 * command is blocked on that lock (or has finished, on code that does not lock), moves the contact and commits.
 */
describe('a record moving while a document or comment is added to it', () => {
  let t: TestApp;
  let ws: TestWorkspace;
  beforeAll(async () => {
    t = await startTestApp();
    ws = await createWorkspace(t);
  });
  afterAll(() => t.stop());

  /** Runs `command` while the test moves the contact from its account to `toAccountId` in a racing transaction. */
  async function whileContactMoves<T>(contactId: string, toAccountId: string, command: () => Promise<T>): Promise<T> {
    const client = new Client({ connectionString: t.databaseUrl });
    await client.connect();
    try {
      await client.query('BEGIN');
      await client.query('SELECT id FROM contacts WHERE id = $1 FOR UPDATE', [contactId]);
      let settled = false;
      const running = command().finally(() => (settled = true));
      const deadline = Date.now() + 5000;
      for (;;) {
        const { rows } = await client.query<{ waiting: number }>(
          `SELECT count(*)::int AS waiting FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`,
        );
        if (rows[0].waiting > 0 || settled || Date.now() > deadline) break;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      await client.query('UPDATE contacts SET account_id = $2, version = version + 1 WHERE id = $1', [contactId, toAccountId]);
      await client.query('COMMIT');
      return await running;
    } finally {
      await client.end();
    }
  }

  const kindsOnTimeline = async (accountId: string): Promise<string[]> => {
    const { account } = expectData(await t.gql(AccountTimelineDocument, { id: accountId, first: 50 }, { token: ws.owner.token }));
    return account.timeline.nodes.map((entry) => entry.kind);
  };

  it('a document attached while its contact moves ends up on the contact’s new account', async () => {
    const from = await createAccount(t, ws.owner.token);
    const to = await createAccount(t, ws.owner.token);
    const contact = await createContact(t, ws.owner.token, { accountId: from.id });
    const attached = await whileContactMoves(contact.id, to.id, () =>
      t.gql(
        AttachDocumentDocument,
        { input: { recordId: contact.id, fileName: 'race.txt', contentBase64: Buffer.from('race').toString('base64') } },
        { token: ws.owner.token },
      ),
    );
    const { attachDocument } = expectData(attached);
    const rows: { account_id: string }[] = await t.app.db.query('SELECT account_id FROM documents WHERE id = $1', [attachDocument.id]);
    expect(rows[0].account_id).toBe(to.id);
    expect(await kindsOnTimeline(to.id)).toContain('DOCUMENT_ATTACHED');
    expect(await kindsOnTimeline(from.id)).not.toContain('DOCUMENT_ATTACHED');
  });

  it('a comment added while its contact moves ends up on the contact’s new account', async () => {
    const from = await createAccount(t, ws.owner.token);
    const to = await createAccount(t, ws.owner.token);
    const contact = await createContact(t, ws.owner.token, { accountId: from.id });
    const commented = await whileContactMoves(contact.id, to.id, () =>
      t.gql(AddCommentDocument, { input: { recordId: contact.id, body: 'called during the move' } }, { token: ws.owner.token }),
    );
    expectData(commented);
    expect(await kindsOnTimeline(to.id)).toContain('COMMENT_ADDED');
    expect(await kindsOnTimeline(from.id)).not.toContain('COMMENT_ADDED');
  });
});
