import type { DataSource } from 'typeorm';
import type { Principal } from '../../platform/auth/principal';
import { BadUserInputError } from '../../platform/errors/errors';
import { RecordType } from '../../platform/timeline/timeline-entry.entity';
import type { TimelineService } from '../../platform/timeline/timeline.service';
import { parseInput } from '../../platform/validation/parse-input';
import { touchAccount } from '../account-touch';
import type { Account } from '../account.entity';
import type { AccountsService } from '../accounts.service';
import { isUuid } from '../../platform/validation/ids';
import { AccountInterest } from './account-interest.entity';
import { InterestArea } from './interest-area.entity';
import { removeAccountInterestSchema, setAccountInterestSchema } from './interest.inputs';
import { ALL_COLUMNS, readLean } from '../../platform/data/lean-rows';
import { inWorkspace } from '../../platform/data/workspace-rows';

type InterestWithArea = AccountInterest & { area: InterestArea };

const stanceOf = (row: Pick<AccountInterest, 'kind' | 'note'> | null) => (row ? { kind: row.kind, note: row.note } : null);

/** Interests of accounts (áreas de interés): one stance per account and area, with an optional note. */
export class AccountInterestsService {
  constructor(
    private readonly db: DataSource,
    private readonly accounts: AccountsService,
    private readonly timeline: TimelineService,
  ) {}

  /** Interests of these accounts with their areas (archived ones included), in one query. */
  async ofAccounts(workspaceId: string, accountIds: readonly string[]): Promise<InterestWithArea[]> {
    const ids = [...new Set(accountIds.filter(isUuid))];
    if (!ids.length) return [];
    const query = inWorkspace(this.db.manager, { workspaceId })
      .query(AccountInterest, 'ai')
      .innerJoinAndSelect('ai.area', 'ia', 'ia.workspace_id = ai.workspace_id')
      .andWhere('ai.account_id = ANY(:ids)', { ids })
      .orderBy('lower(ia.name)', 'ASC')
      .addOrderBy('ia.id', 'ASC');
    const rows = await readLean(query, ALL_COLUMNS, { area: ALL_COLUMNS }); // feeds GraphQL only: no entities
    return rows.filter((row): row is InterestWithArea => Boolean(row.area));
  }

  /** Creates or replaces the account's stance on an area (the area must be active). Writes INTEREST_SET. */
  async set(principal: Principal, input: unknown): Promise<Account> {
    const data = parseInput(setAccountInterestSchema, input);
    return this.db.transaction(async (manager) => {
      const account = await this.accounts.lockVisible(manager, principal, data.accountId, data.expectedVersion);
      const area = await inWorkspace(manager, principal).findOne(InterestArea, { where: { id: data.areaId } });
      if (!area) throw BadUserInputError.field('input.areaId', 'is not an interest area of this workspace');
      if (area.archivedAt) throw BadUserInputError.field('input.areaId', `"${area.name}" is archived and can't take new interests`);
      const key = { workspaceId: principal.workspaceId, accountId: account.id, areaId: area.id };
      const previous = await inWorkspace(manager, principal).findOne(AccountInterest, { where: key });
      const next = { kind: data.kind, note: data.note ?? null };
      if (previous && previous.kind === next.kind && previous.note === next.note) return account;
      if (previous) await manager.update(AccountInterest, key, next);
      else await manager.insert(AccountInterest, { ...key, ...next });
      await this.timeline.record(manager, principal, [
        {
          kind: 'INTEREST_SET',
          recordType: RecordType.ACCOUNT,
          recordId: account.id,
          accountId: account.id,
          changes: [{ field: area.name, before: stanceOf(previous), after: next }],
          data: { areaId: area.id },
        },
      ]);
      return touchAccount(manager, this.accounts, principal, account);
    });
  }

  /** Removes the account's stance on an area (archived areas too); nothing to remove is not an error. */
  async remove(principal: Principal, input: unknown): Promise<Account> {
    const data = parseInput(removeAccountInterestSchema, input);
    return this.db.transaction(async (manager) => {
      const account = await this.accounts.lockVisible(manager, principal, data.accountId, data.expectedVersion);
      const key = { workspaceId: principal.workspaceId, accountId: account.id, areaId: data.areaId };
      const previous = await inWorkspace(manager, principal).findOne(AccountInterest, { where: key, relations: { area: true } });
      if (!previous) return account;
      await manager.delete(AccountInterest, key);
      await this.timeline.record(manager, principal, [
        {
          kind: 'INTEREST_REMOVED',
          recordType: RecordType.ACCOUNT,
          recordId: account.id,
          accountId: account.id,
          changes: [{ field: previous.area?.name ?? data.areaId, before: stanceOf(previous), after: null }],
          data: { areaId: data.areaId },
        },
      ]);
      return touchAccount(manager, this.accounts, principal, account);
    });
  }
}
