import type { DataSource, EntityManager } from 'typeorm';
import type { MembersService } from '../identity/members.service';
import type { WorkspacesService } from '../identity/workspaces.service';
import { actorRefOf } from '../platform/auth/actor';
import type { Principal } from '../platform/auth/principal';
import { scopeRules } from '../platform/auth/record-scope';
import { ScopedRecordService } from '../platform/data/scoped-record-service';
import { BadUserInputError, NotFoundError, type FieldProblem } from '../platform/errors/errors';
import { SqlFilter } from '../platform/filtering/sql-filter';
import type { ConnectionArgs, ConnectionShape } from '../platform/pagination/connection';
import type { Embed, Projection } from '../platform/data/lean-rows';
import { embeddedList, prebuiltList, type PrebuiltListSpec } from '../platform/data/embedded-reads';
import type { FirstNSource } from '../platform/pagination/first-n';
import { paginate } from '../platform/pagination/keyset';
import { scopedRecordKind, type RecordKindRegistry } from '../platform/records/record-kinds';
import { diffFields } from '../platform/timeline/diff';
import { RecordType } from '../platform/timeline/timeline-entry.entity';
import type { TimelineService } from '../platform/timeline/timeline.service';
import { parseInput, rooted } from '../platform/validation/parse-input';
import type { AccountsService } from './accounts.service';
import { Contact } from './contact.entity';
import { contactFilter, contactOrdering, type ContactFilter, type ContactOrder } from './contact.filter';
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
 * visible exactly when its account is: reads, locks and writes come from ScopedRecordService with the
 * attached-to-account rule of record-scope.ts (owner column for loose ones), alias `c`.
 */
export class ContactsService extends ScopedRecordService<Contact> {
  constructor(
    db: DataSource,
    private readonly records: RecordKindRegistry,
    private readonly timeline: TimelineService,
    private readonly accounts: AccountsService,
    private readonly members: MembersService,
    private readonly workspaces: WorkspacesService,
  ) {
    super(db, { entity: Contact, alias: 'c', scope: scopeRules.attachedToAccount('owner_membership_id'), label: 'Contact' });
    records.register(scopedRecordKind(RecordType.CONTACT, this, (c) => ({ accountId: c.accountId, ownerMembershipId: c.ownerMembershipId })));
  }

  /**
   * The contact a capture channel recognises by an email (lower case) or a phone (E.164), among the non-archived
   * contacts the caller may see, the most recently updated first. Null when none.
   */
  async knownParty(manager: EntityManager, principal: Principal, key: { email?: string; phone?: string }): Promise<Contact | null> {
    const query = this.visible(principal, manager).andWhere('c.archived_at IS NULL');
    if (key.email) query.andWhere('c.emails @> ARRAY[CAST(:partyEmail AS text)]', { partyEmail: key.email });
    else if (key.phone) query.andWhere('c.phones @> ARRAY[CAST(:partyPhone AS text)]', { partyPhone: key.phone });
    else return null;
    return query.orderBy('c.updated_at', 'DESC').addOrderBy('c.id').getOne();
  }

  /** For the first-N loader of `Account.contacts`: visible, non-archived contacts of many accounts, by last name, first name. */
  accountsSource(principal: () => Principal): FirstNSource<Contact, ConnectionArgs> {
    return {
      entity: Contact,
      sortKeys: contactOrdering.sortKeys(null),
      parentSql: 'c.account_id',
      rows: (accountIds) =>
        this.visible(principal()).andWhere('c.account_id IN (:...accountIds)', { accountIds }).andWhere('c.archived_at IS NULL'),
    };
  }

  /**
   * `Account.contacts` read in the accounts' own statement (data/embedded-reads.ts): the rows of accountsSource,
   * correlated to each account row, as lean contacts of `projection` on the row's `property`.
   */
  accountContactsEmbed(principal: Principal, property: string, limit: number, projection: Projection, prebuilt: PrebuiltListSpec<Contact>['prebuilt'] | null): Embed {
    const spec = {
      property,
      rows: (accountAlias: string) => this.visible(principal).andWhere(`c.account_id = ${accountAlias}.id`).andWhere('c.archived_at IS NULL'),
      order: contactOrdering.sortKeys(null),
      limit,
      projection,
    };
    // Only plain fields selected: the response's JSON comes from the database (platform/graphql/prebuilt-json.ts).
    const records = embeddedList(spec);
    return prebuilt ? prebuiltList({ ...spec, prebuilt }, records) : records;
  }

  /** A page of visible contacts; with a projection, lean rows of only its columns (data/lean-rows.ts). */
  list(principal: Principal, args: ContactListArgs, projection?: Projection): Promise<ConnectionShape<Contact>> {
    const query = this.visible(principal);
    const sql = new SqlFilter('cf');
    const condition = contactFilter.compile(sql, args.filter);
    if (condition) query.andWhere(condition, sql.params);
    if (!contactFilter.mentions('archived', args.filter)) query.andWhere('c.archived_at IS NULL');
    return paginate(query, contactOrdering.sortKeys(args.orderBy), args, { projection });
  }

  create(principal: Principal, input: unknown): Promise<Contact> {
    return this.db.transaction((manager) => this.createWithin(manager, principal, input));
  }

  /**
   * createContact's work inside the caller's transaction (lead conversion): validates `input` (problems under
   * `root`), writes the contact and its CONTACT_CREATED entry; nothing is committed here.
   */
  async createWithin(manager: EntityManager, principal: Principal, input: unknown, root = 'input'): Promise<Contact> {
    const workspace = await this.workspaces.current(principal, manager);
    const data = parseInput(createContactSchemaFor(workspace.defaultCountry), input, root);
    const columns = contactColumnsOf(data);
    const ownerId = data.ownerId ?? (principal.kind === 'member' ? principal.membershipId : null);
    // The account first: one outside reach is NOT_FOUND whatever else is wrong with the input.
    const accountId = data.accountId ?? null;
    if (accountId) await this.assertAccountVisible(manager, principal, accountId);
    const problems = rooted(await this.ownerProblems(principal, ownerId, manager), root);
    if (problems.length) throw new BadUserInputError(problems);
    await this.assertExternalIdFree(manager, principal, columns.externalId ?? null, null, root);
    const actor = actorRefOf(principal);
    const contact = this.newRow(manager, principal, {
      ...columns,
      lastName: columns.lastName ?? '',
      emails: columns.emails ?? [],
      phones: columns.phones ?? [],
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
        await this.assertExternalIdFree(manager, principal, columns.externalId, contact.id);
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

  /** Tells the record registry's subscribers (documents) that these contacts now hang off another account or owner. */
  anchorsChanged(manager: EntityManager, principal: Principal, contacts: Contact[]): Promise<void> {
    return this.records.anchorsChanged(manager, principal, RecordType.CONTACT, contacts);
  }

  archive(principal: Principal, id: string, expectedVersion?: number | null): Promise<Contact> {
    return this.setArchived(principal, id, expectedVersion, true);
  }

  restore(principal: Principal, id: string, expectedVersion?: number | null): Promise<Contact> {
    return this.setArchived(principal, id, expectedVersion, false);
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

  private ownerProblems(principal: Principal, ownerId: string | null, manager?: EntityManager): Promise<FieldProblem[]> {
    return this.members.inactiveMemberProblems(principal.workspaceId, [{ path: 'input.ownerId', id: ownerId }], manager);
  }

}
