import type { DataSource, EntityManager } from 'typeorm';
import type { z } from 'zod';
import type { MembersService } from '../identity/members.service';
import type { WorkspacesService } from '../identity/workspaces.service';
import type { Principal } from '../platform/auth/principal';
import type { UpsertDeclaration } from '../platform/bulk/upsert-declaration';
import { UpsertEngine } from '../platform/bulk/upsert-engine';
import type { ParsedRow, UpsertRowResult } from '../platform/bulk/upsert-rows';
import type { FieldProblem } from '../platform/errors/errors';
import { RecordType } from '../platform/timeline/timeline-entry.entity';
import type { TimelineService } from '../platform/timeline/timeline.service';
import type { AccountsService } from './accounts.service';
import { Contact } from './contact.entity';
import {
  CONTACT_TRACKED_FIELDS,
  contactColumnsOf,
  contactDisplayName,
  contactSearchText,
  trackedViewOf,
  upsertContactRowSchemaFor,
  type ContactTrackedView,
} from './contact.schemas';
import type { ContactsService } from './contacts.service';

type ContactRow = z.output<ReturnType<typeof upsertContactRowSchemaFor>>;

/** What the rows refer to, in the caller's reach: accounts by id and by externalId, active members. */
interface ContactReferences {
  accountIds: Set<string>;
  accountIdByExternalId: Map<string, string>;
  activeOwners: Set<string>;
}

/** Where a row puts its contact (absent keys: left as they are), or what is wrong with its references. */
function placementOf(row: ContactRow, refs: ContactReferences): Partial<Contact> | FieldProblem[] {
  const problems: FieldProblem[] = [];
  const placement: Partial<Contact> = {};
  if (row.accountId) {
    if (refs.accountIds.has(row.accountId)) placement.accountId = row.accountId;
    else problems.push({ path: 'accountId', message: 'is not an account in your portfolio' });
  } else if (row.accountExternalId) {
    const accountId = refs.accountIdByExternalId.get(row.accountExternalId);
    if (accountId) placement.accountId = accountId;
    else problems.push({ path: 'accountExternalId', message: 'is not the externalId of an account in your portfolio' });
  } else if (row.accountId === null || row.accountExternalId === null) {
    placement.accountId = null;
  }
  if (row.ownerId && !refs.activeOwners.has(row.ownerId)) problems.push({ path: 'ownerId', message: 'is not an active member of this workspace' });
  if (row.ownerId !== undefined) placement.ownerMembershipId = row.ownerId;
  return problems.length ? problems : placement;
}

/**
 * Bulk upsert of contacts by externalId, on the shared engine (platform/bulk/upsert-engine.ts). Accounts are
 * named by id or externalId and must be in the caller's portfolio; a new contact with no owner given is owned by
 * the member who sends it.
 */
export class ContactUpsertService {
  private readonly engine: UpsertEngine<Contact, ContactRow, ContactReferences, ContactTrackedView>;

  constructor(
    db: DataSource,
    contacts: ContactsService,
    accounts: AccountsService,
    timeline: TimelineService,
    members: MembersService,
    workspaces: WorkspacesService,
  ) {
    const declaration: UpsertDeclaration<Contact, ContactRow, ContactReferences, ContactTrackedView> = {
      entity: Contact,
      recordType: RecordType.CONTACT,
      rowSchema: async (principal) => upsertContactRowSchemaFor((await workspaces.current(principal)).defaultCountry),
      references: async ({ manager, principal }, rows) => ({
        ...(await resolveAccounts(accounts, manager, principal, rows)),
        activeOwners: await members.activeMemberIds(principal.workspaceId, rows.map((row) => row.data.ownerId)),
      }),
      toRecord: ({ data }, { existing, refs, principal }) => {
        const placement = placementOf(data, refs);
        if (Array.isArray(placement)) return { problems: placement };
        const columns = contactColumnsOf(data);
        if (existing) return { values: { ...columns, ...placement } };
        const defaultOwner = principal.kind === 'member' ? principal.membershipId : null;
        return { values: { lastName: '', emails: [], phones: [], accountId: null, ownerMembershipId: defaultOwner, ...columns, ...placement } };
      },
      derived: (contact) => ({ searchText: contactSearchText(contact) }),
      tracked: { fields: CONTACT_TRACKED_FIELDS, view: trackedViewOf },
      visibleIds: async ({ manager, principal }, ids) => {
        const rows = await contacts.visible(principal, manager).select('c.id', 'id').andWhere('c.id IN (:...ids)', { ids }).getRawMany<{ id: string }>();
        return new Set(rows.map((row) => row.id));
      },
      afterUpdate: ({ manager, principal }, updated) =>
        contacts.anchorsChanged(
          manager,
          principal,
          updated
            .filter(({ before, after }) => before.accountId !== after.accountId || before.ownerMembershipId !== after.ownerMembershipId)
            .map(({ after }) => after),
        ),
      timeline: {
        created: (contact) => ({ kind: 'CONTACT_CREATED', accountId: contact.accountId, data: { name: contactDisplayName(contact), via: 'upsert' } }),
        // Anchored to the account it is in now (or the one it left, so that account's history shows it).
        updated: (before, after, changes) => ({ kind: 'CONTACT_UPDATED', accountId: after.accountId ?? before.accountId, changes }),
      },
    };
    this.engine = new UpsertEngine(db, timeline, declaration);
  }

  upsert(principal: Principal, rows: unknown[]): Promise<UpsertRowResult[]> {
    return this.engine.upsert(principal, rows);
  }
}

/** Account references (ids and externalIds) → accounts in the caller's portfolio; one query. */
function resolveAccounts(
  accounts: AccountsService,
  manager: EntityManager,
  principal: Principal,
  rows: ParsedRow<ContactRow>[],
): Promise<Pick<ContactReferences, 'accountIds' | 'accountIdByExternalId'>> {
  const ids = rows.flatMap(({ data }) => (data.accountId ? [data.accountId] : []));
  const externalIds = rows.flatMap(({ data }) => (!data.accountId && data.accountExternalId ? [data.accountExternalId] : []));
  return accounts.visibleReferences(manager, principal, ids, externalIds);
}
