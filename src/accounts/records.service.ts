import type { DataSource, EntityManager } from 'typeorm';
import type { Principal } from '../platform/auth/principal';
import { BadUserInputError, NotFoundError } from '../platform/errors/errors';
import { RecordType, TimelineEntry } from '../platform/timeline/timeline-entry.entity';
import type { TimelineService } from '../platform/timeline/timeline.service';
import { isUuid } from '../platform/validation/ids';
import type { AccountsService } from './accounts.service';
import type { ContactsService } from './contacts.service';

export interface LocatedRecord {
  recordType: RecordType;
  recordId: string;
  /** The account the record hangs off (itself for an account). */
  accountId: string | null;
  /** The owner deciding visibility of a record without account. */
  ownerMembershipId: string | null;
}

/** Finds a record of any type by id within the caller's reach (used by comments and documents). */
export class RecordsService {
  constructor(
    private readonly db: DataSource,
    private readonly accounts: AccountsService,
    private readonly contacts: ContactsService,
    private readonly timeline: TimelineService,
  ) {}

  async locate(principal: Principal, id: string): Promise<LocatedRecord> {
    const account = await this.accounts.get(principal, id).catch((error: unknown) => {
      if (error instanceof NotFoundError) return null;
      throw error;
    });
    if (account) return { recordType: RecordType.ACCOUNT, recordId: account.id, accountId: account.id, ownerMembershipId: null };
    const contact = await this.contacts.get(principal, id).catch((error: unknown) => {
      if (error instanceof NotFoundError) return null;
      throw error;
    });
    if (contact) {
      return { recordType: RecordType.CONTACT, recordId: contact.id, accountId: contact.accountId, ownerMembershipId: contact.ownerMembershipId };
    }
    throw new NotFoundError('Record');
  }

  /**
   * Inside a command's transaction: finds the record and its anchoring account and holds them FOR SHARE until
   * the transaction ends, so a concurrent move (which locks the record FOR UPDATE) runs wholly before or after
   * the command; what the command anchors to the record's account is the account it has when the command commits.
   */
  async lock(manager: EntityManager, principal: Principal, id: string): Promise<LocatedRecord> {
    if (!isUuid(id)) throw new NotFoundError('Record');
    const account = await this.accounts
      .visible(principal, manager)
      .andWhere('a.id = :id', { id })
      .setLock('pessimistic_read', undefined, ['a'])
      .getOne();
    if (account) return { recordType: RecordType.ACCOUNT, recordId: account.id, accountId: account.id, ownerMembershipId: null };
    const contact = await this.contacts
      .visible(principal, manager)
      .andWhere('c.id = :id', { id })
      .setLock('pessimistic_read', undefined, ['c'])
      .getOne();
    if (!contact) throw new NotFoundError('Record');
    if (contact.accountId) {
      await manager.query('SELECT 1 FROM accounts WHERE workspace_id = $1 AND id = $2 FOR SHARE', [principal.workspaceId, contact.accountId]);
    }
    return { recordType: RecordType.CONTACT, recordId: contact.id, accountId: contact.accountId, ownerMembershipId: contact.ownerMembershipId };
  }

  /** addComment: a timeline entry of kind COMMENT_ADDED on the record (and so on its account). */
  async addComment(principal: Principal, recordId: string, body: string): Promise<TimelineEntry> {
    const text = body.trim();
    if (!text) throw BadUserInputError.field('input.body', 'must not be empty');
    if (text.length > 20000) throw BadUserInputError.field('input.body', 'must be at most 20000 characters');
    return this.db.transaction(async (manager) => {
      const record = await this.lock(manager, principal, recordId);
      const [id] = await this.timeline.record(manager, principal, [
        { kind: 'COMMENT_ADDED', recordType: record.recordType, recordId: record.recordId, accountId: record.accountId, data: { body: text } },
      ]);
      return manager.findOneByOrFail(TimelineEntry, { id });
    });
  }
}
