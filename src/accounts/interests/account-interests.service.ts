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
import { removeAccountInterestSchema, setAccountInterestSchema, type AccountInterestView } from './interest.inputs';
import { embeddedList, mapEmbed, prebuiltList, type EmbeddedListSpec, type PrebuiltListSpec } from '../../platform/data/embedded-reads';
import { ALL_COLUMNS, readLean, type Embed } from '../../platform/data/lean-rows';
import { inWorkspace } from '../../platform/data/workspace-rows';

type InterestWithArea = AccountInterest & { area: InterestArea };

/** An account's interests by area name (then id): the loader's and the embedded read's order. */
const INTEREST_ORDER = [
  { sql: 'lower(ia.name)', direction: 'ASC' as const },
  { sql: 'ia.id', direction: 'ASC' as const },
];

/** What Account.interests shows of an interest row. */
export const interestViewOf = (row: InterestWithArea): AccountInterestView => ({ area: row.area, kind: row.kind, note: row.note, updatedAt: row.updatedAt });

const stanceOf = (row: Pick<AccountInterest, 'kind' | 'note'> | null) => (row ? { kind: row.kind, note: row.note } : null);

/** Interests of accounts (áreas de interés): one stance per account and area, with an optional note. */
export class AccountInterestsService {
  constructor(
    private readonly db: DataSource,
    private readonly accounts: AccountsService,
    private readonly timeline: TimelineService,
  ) {}

  /**
   * `Account.interests` read in the accounts' own statement (data/embedded-reads.ts): the rows of ofAccounts,
   * correlated to each account row, in the same order, as views on the row's `property`.
   */
  accountInterestsEmbed(principal: Principal, property: string, prebuilt: PrebuiltListSpec<AccountInterest>['prebuilt'] | null): Embed {
    const spec: EmbeddedListSpec<AccountInterest> = {
      property,
      rows: (accountAlias) => this.interestsWithAreas(principal.workspaceId).andWhere(`ai.account_id = ${accountAlias}.id`),
      order: INTEREST_ORDER,
      projection: ALL_COLUMNS,
      joined: { area: ALL_COLUMNS },
    };
    const views = mapEmbed(embeddedList(spec), (rows) => (rows as InterestWithArea[]).map(interestViewOf));
    // Only plain fields selected: the response's JSON comes from the database (a view's fields are the row's and its area's).
    return prebuilt ? prebuiltList({ ...spec, prebuilt }, views) : views;
  }

  /** Interests of these accounts with their areas (archived ones included), in one query. */
  async ofAccounts(workspaceId: string, accountIds: readonly string[]): Promise<InterestWithArea[]> {
    const ids = [...new Set(accountIds.filter(isUuid))];
    if (!ids.length) return [];
    const query = this.interestsWithAreas(workspaceId).andWhere('ai.account_id = ANY(:ids)', { ids });
    INTEREST_ORDER.forEach((key, i) => (i === 0 ? query.orderBy(key.sql, key.direction) : query.addOrderBy(key.sql, key.direction)));
    const rows = await readLean(query, ALL_COLUMNS, { area: ALL_COLUMNS }); // feeds GraphQL only: no entities
    return rows.filter((row): row is InterestWithArea => Boolean(row.area));
  }

  private interestsWithAreas(workspaceId: string) {
    return inWorkspace(this.db.manager, { workspaceId }).query(AccountInterest, 'ai').innerJoinAndSelect('ai.area', 'ia', 'ia.workspace_id = ai.workspace_id');
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
