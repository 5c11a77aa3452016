import type { DataSource, EntityManager, SelectQueryBuilder } from 'typeorm';
import type { MembersService } from '../identity/members.service';
import type { WorkspacesService } from '../identity/workspaces.service';
import { actorRefOf } from '../platform/auth/actor';
import type { Principal } from '../platform/auth/principal';
import { attachedScope } from '../platform/auth/record-scope';
import { BadUserInputError, ConflictError, NotFoundError, type FieldProblem } from '../platform/errors/errors';
import { ErrorReason } from '../platform/errors/error-reason';
import { SqlFilter } from '../platform/filtering/sql-filter';
import type { ConnectionArgs, ConnectionShape } from '../platform/pagination/connection';
import type { FirstNSource } from '../platform/pagination/first-n';
import { paginate } from '../platform/pagination/keyset';
import { diffFields } from '../platform/timeline/diff';
import { RecordType } from '../platform/timeline/timeline-entry.entity';
import type { TimelineService } from '../platform/timeline/timeline.service';
import { parseInput } from '../platform/validation/parse-input';
import type { AccountsService } from './accounts.service';
import { isUuid } from '../platform/validation/ids';
import { Contact } from './contact.entity';
import { compileContactFilter, contactSortKeys, mentionsContactArchived, type ContactFilter, type ContactOrder } from './contact.filter';
import {
  CONTACT_TRACKED_FIELDS,
  contactColumnsOf,
  contactDisplayName,
  contactSearchText,
  createContactSchemaFor,
  trackedViewOf,
  updateContactSchemaFor,
} from './contact.schemas';

export interface ContactListArgs extends ConnectionArgs {
  filter?: ContactFilter | null;
  orderBy?: ContactOrder[] | null;
}

const NO_ACTOR = { memberId: null, apiKeyId: null };

/**
 * Contacts: people of an account (or loose, then visible through their owner). A contact of an account is
 * visible exactly when its account is; every query goes through visible() (record-scope.ts decides).
 */
/** Where a contact now hangs: its account, or its owner when it has none. */
export interface ContactAnchor {
  recordId: string;
  accountId: string | null;
  ownerMembershipId: string | null;
}
export type ContactAnchorListener = (manager: EntityManager, principal: Principal, anchors: ContactAnchor[]) => Promise<void>;

export class ContactsService {
  private readonly anchorListeners: ContactAnchorListener[] = [];

  constructor(
    private readonly db: DataSource,
    private readonly timeline: TimelineService,
    private readonly accounts: AccountsService,
    private readonly members: MembersService,
    private readonly workspaces: WorkspacesService,
  ) {}

  /** Contacts this principal may see (alias `c`): those of visible accounts, or loose ones they may see by owner. */
  visible(principal: Principal, manager: EntityManager = this.db.manager): SelectQueryBuilder<Contact> {
    const scope = attachedScope(principal, 'c', 'c.account_id', 'c.owner_membership_id');
    return manager.getRepository(Contact).createQueryBuilder('c').where(scope.sql, scope.params);
  }

  async get(principal: Principal, id: string, manager?: EntityManager): Promise<Contact> {
    const contact = isUuid(id) ? await this.visible(principal, manager).andWhere('c.id = :id', { id }).getOne() : null;
    if (!contact) throw new NotFoundError('Contact');
    return contact;
  }

  /** For loaders: the visible contacts among `ids` (invisible ones are simply absent). */
  byIds(principal: Principal, ids: readonly string[]): Promise<Contact[]> {
    const valid = ids.filter(isUuid);
    if (!valid.length) return Promise.resolve([]);
    return this.visible(principal).andWhere('c.id IN (:...ids)', { ids: valid }).getMany();
  }

  /** For the first-N loader of `Account.contacts`: visible, non-archived contacts of many accounts, by last name, first name. */
  accountsSource(principal: () => Principal): FirstNSource<Contact, ConnectionArgs> {
    return {
      entity: Contact,
      sortKeys: contactSortKeys(null),
      parentSql: 'c.account_id',
      rows: (accountIds) =>
        this.visible(principal()).andWhere('c.account_id IN (:...accountIds)', { accountIds }).andWhere('c.archived_at IS NULL'),
    };
  }

  list(principal: Principal, args: ContactListArgs): Promise<ConnectionShape<Contact>> {
    const query = this.visible(principal);
    const sql = new SqlFilter('cf');
    const condition = compileContactFilter(sql, args.filter);
    if (condition) query.andWhere(condition, sql.params);
    if (!mentionsContactArchived(args.filter)) query.andWhere('c.archived_at IS NULL');
    return paginate(query, contactSortKeys(args.orderBy), args);
  }

  async create(principal: Principal, input: unknown): Promise<Contact> {
    const workspace = await this.workspaces.current(principal);
    const data = parseInput(createContactSchemaFor(workspace.defaultCountry), input);
    const columns = contactColumnsOf(data);
    const ownerId = data.ownerId ?? (principal.kind === 'member' ? principal.membershipId : null);
    return this.db.transaction(async (manager) => {
      // The account first: one outside reach is NOT_FOUND whatever else is wrong with the input.
      const accountId = data.accountId ?? null;
      if (accountId) await this.assertAccountVisible(manager, principal, accountId);
      const problems = await this.ownerProblems(principal, ownerId);
      if (problems.length) throw new BadUserInputError(problems);
      await this.assertExternalIdFree(manager, principal.workspaceId, columns.externalId ?? null, null);
      const actor = actorRefOf(principal);
      const contact = manager.create(Contact, {
        ...columns,
        lastName: columns.lastName ?? '',
        emails: columns.emails ?? [],
        phones: columns.phones ?? [],
        workspaceId: principal.workspaceId,
        accountId,
        ownerMembershipId: ownerId,
        createdBy: actor,
        updatedBy: actor,
        archivedBy: NO_ACTOR,
      });
      contact.searchText = contactSearchText(contact);
      const saved = await manager.save(contact);
      await this.timeline.record(manager, principal, [
        {
          kind: 'CONTACT_CREATED',
          recordType: RecordType.CONTACT,
          recordId: saved.id,
          accountId: saved.accountId,
          data: { name: contactDisplayName(saved) },
        },
      ]);
      return saved;
    });
  }

  async update(principal: Principal, input: unknown): Promise<Contact> {
    const workspace = await this.workspaces.current(principal);
    const data = parseInput(updateContactSchemaFor(workspace.defaultCountry), input);
    const columns = contactColumnsOf(data);
    return this.db.transaction(async (manager) => {
      const contact = await this.lockVisible(manager, principal, data.id, data.expectedVersion);
      const before = trackedViewOf(contact);
      if (data.accountId !== undefined && data.accountId !== contact.accountId) {
        if (data.accountId) await this.assertAccountVisible(manager, principal, data.accountId);
        contact.accountId = data.accountId;
      }
      if (data.ownerId !== undefined) {
        const problems = await this.ownerProblems(principal, data.ownerId);
        if (problems.length) throw new BadUserInputError(problems);
        contact.ownerMembershipId = data.ownerId;
      }
      if (columns.externalId !== undefined) {
        await this.assertExternalIdFree(manager, principal.workspaceId, columns.externalId, contact.id);
      }
      Object.assign(contact, columns);
      const changes = diffFields(before, trackedViewOf(contact), CONTACT_TRACKED_FIELDS);
      if (!changes.length) return contact;
      contact.updatedBy = actorRefOf(principal);
      contact.searchText = contactSearchText(contact);
      const saved = await manager.save(contact);
      if (saved.accountId !== before.accountId || saved.ownerMembershipId !== before.ownerId) {
        await this.anchorsChanged(manager, principal, [saved]);
      }
      await this.timeline.record(manager, principal, [
        {
          kind: 'CONTACT_UPDATED',
          recordType: RecordType.CONTACT,
          recordId: saved.id,
          // Anchored to the account it is in now (or the one it left, so that account's history shows it).
          accountId: saved.accountId ?? before.accountId,
          changes,
        },
      ]);
      return saved;
    });
  }

  /**
   * Other domains whose rows follow a contact's visibility (documents attached to it) subscribe here, so a
   * contact that moves to another account or owner takes them along, in the same transaction.
   */
  onAnchorsChanged(listener: ContactAnchorListener): void {
    this.anchorListeners.push(listener);
  }

  async anchorsChanged(manager: EntityManager, principal: Principal, contacts: Contact[]): Promise<void> {
    if (!contacts.length) return;
    const anchors = contacts.map((c) => ({ recordId: c.id, accountId: c.accountId, ownerMembershipId: c.ownerMembershipId }));
    for (const listener of this.anchorListeners) await listener(manager, principal, anchors);
  }

  archive(principal: Principal, id: string, expectedVersion?: number | null): Promise<Contact> {
    return this.setArchived(principal, id, expectedVersion, true);
  }

  restore(principal: Principal, id: string, expectedVersion?: number | null): Promise<Contact> {
    return this.setArchived(principal, id, expectedVersion, false);
  }

  /** Locks a visible contact for a change, checking the caller's expected version. */
  async lockVisible(manager: EntityManager, principal: Principal, id: string, expectedVersion?: number | null): Promise<Contact> {
    const contact = isUuid(id)
      ? await this.visible(principal, manager).andWhere('c.id = :id', { id }).setLock('pessimistic_write', undefined, ['c']).getOne()
      : null;
    if (!contact) throw new NotFoundError('Contact');
    if (expectedVersion != null && expectedVersion !== contact.version) {
      throw new ConflictError('This contact changed since you read it', { reason: ErrorReason.VERSION_MISMATCH, currentVersion: contact.version });
    }
    return contact;
  }

  private setArchived(principal: Principal, id: string, expectedVersion: number | null | undefined, archive: boolean): Promise<Contact> {
    return this.db.transaction(async (manager) => {
      const contact = await this.lockVisible(manager, principal, id, expectedVersion);
      if ((contact.archivedAt !== null) === archive) return contact;
      contact.archivedAt = archive ? new Date() : null;
      contact.archivedBy = archive ? actorRefOf(principal) : NO_ACTOR;
      contact.updatedBy = actorRefOf(principal);
      const saved = await manager.save(contact);
      await this.timeline.record(manager, principal, [
        {
          kind: archive ? 'CONTACT_ARCHIVED' : 'CONTACT_RESTORED',
          recordType: RecordType.CONTACT,
          recordId: saved.id,
          accountId: saved.accountId,
        },
      ]);
      return saved;
    });
  }

  /** An account the caller cannot see is NOT_FOUND, exactly like one that does not exist. */
  private async assertAccountVisible(manager: EntityManager, principal: Principal, accountId: string): Promise<void> {
    const visible = await this.accounts.visibleIds(principal, [accountId], manager);
    if (!visible.has(accountId)) throw new NotFoundError('Account');
  }

  private async ownerProblems(principal: Principal, ownerId: string | null): Promise<FieldProblem[]> {
    if (!ownerId) return [];
    const active = await this.members.activeMemberIds(principal.workspaceId, [ownerId]);
    return active.has(ownerId) ? [] : [{ path: 'input.ownerId', message: 'is not an active member of this workspace' }];
  }

  private async assertExternalIdFree(manager: EntityManager, workspaceId: string, externalId: string | null, selfId: string | null): Promise<void> {
    if (!externalId) return;
    const clash = await manager.findOne(Contact, { where: { workspaceId, externalId }, select: { id: true } });
    if (clash && clash.id !== selfId) {
      throw BadUserInputError.field('input.externalId', 'is already used by another contact of this workspace', ErrorReason.EXTERNAL_ID_TAKEN);
    }
  }
}
