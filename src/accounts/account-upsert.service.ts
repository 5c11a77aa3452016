import type { DataSource } from 'typeorm';
import type { z } from 'zod';
import type { MembersService } from '../identity/members.service';
import type { Principal } from '../platform/auth/principal';
import type { UpsertDeclaration } from '../platform/bulk/upsert-declaration';
import { UpsertEngine } from '../platform/bulk/upsert-engine';
import type { UpsertRowResult } from '../platform/bulk/upsert-rows';
import { RecordType } from '../platform/timeline/timeline-entry.entity';
import type { TimelineService } from '../platform/timeline/timeline.service';
import type { WorkspacesService } from '../identity/workspaces.service';
import { AccountOwner } from './account-owner.entity';
import { ACCOUNT_TRACKED_FIELDS, accountColumnsOf, accountSearchText } from './account-validation';
import { Account } from './account.entity';
import { upsertAccountRowSchemaFor } from './account.schemas';
import type { AccountsService } from './accounts.service';

type AccountRow = z.output<ReturnType<typeof upsertAccountRowSchemaFor>>;

/**
 * Bulk upsert of accounts by externalId, on the shared engine (platform/bulk/upsert-engine.ts). A new account
 * is owned by the row's primaryOwnerId (an active member), else by the member who sends it; existing accounts
 * keep their owners.
 */
export class AccountUpsertService {
  private readonly engine: UpsertEngine<Account, AccountRow, Set<string>>;

  constructor(
    db: DataSource,
    accounts: AccountsService,
    timeline: TimelineService,
    members: MembersService,
    workspaces: WorkspacesService,
  ) {
    const declaration: UpsertDeclaration<Account, AccountRow, Set<string>> = {
      entity: Account,
      recordType: RecordType.ACCOUNT,
      rowSchema: async (principal) => upsertAccountRowSchemaFor((await workspaces.current(principal)).defaultCountry),
      references: ({ principal }, rows) => members.activeMemberIds(principal.workspaceId, rows.map((row) => row.data.primaryOwnerId)),
      toRecord: ({ data }, { existing, refs: activeOwners }) => {
        if (existing) return { values: accountColumnsOf(data) };
        if (data.primaryOwnerId && !activeOwners.has(data.primaryOwnerId)) {
          return { problems: [{ path: 'primaryOwnerId', message: 'is not an active member of this workspace' }] };
        }
        return { values: { emails: [], phones: [], ...accountColumnsOf(data) } };
      },
      derived: (account) => ({ searchText: accountSearchText(account) }),
      tracked: { fields: ACCOUNT_TRACKED_FIELDS },
      visibleIds: ({ manager, principal }, ids) => accounts.visibleIds(principal, ids, manager),
      afterInsert: async ({ manager, principal }, created) => {
        const owners: Partial<AccountOwner>[] = [];
        for (const { row, record } of created) {
          const owner = row.data.primaryOwnerId ?? (principal.kind === 'member' ? principal.membershipId : null);
          if (owner) owners.push({ accountId: record.id, membershipId: owner, workspaceId: principal.workspaceId, isPrimary: true });
        }
        if (owners.length) await manager.insert(AccountOwner, owners);
        await accounts.announceOwners(manager, principal, owners.map((owner) => owner.membershipId ?? null));
      },
      timeline: {
        created: (account) => ({ kind: 'ACCOUNT_CREATED', accountId: account.id, data: { name: account.name, via: 'upsert' } }),
        updated: (account, _after, changes) => ({ kind: 'ACCOUNT_UPDATED', accountId: account.id, changes }),
      },
    };
    this.engine = new UpsertEngine(db, timeline, declaration);
  }

  upsert(principal: Principal, rows: unknown[]): Promise<UpsertRowResult[]> {
    return this.engine.upsert(principal, rows);
  }
}
