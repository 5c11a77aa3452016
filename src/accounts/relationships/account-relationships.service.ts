import { Brackets, type DataSource, type EntityManager } from 'typeorm';
import type { Principal } from '../../platform/auth/principal';
import { BadUserInputError, ConflictError, NotFoundError } from '../../platform/errors/errors';
import { ErrorReason } from '../../platform/errors/error-reason';
import { RecordType } from '../../platform/timeline/timeline-entry.entity';
import type { TimelineService } from '../../platform/timeline/timeline.service';
import { parseInput } from '../../platform/validation/parse-input';
import type { Account } from '../account.entity';
import type { AccountsService } from '../accounts.service';
import { isUuid } from '../../platform/validation/ids';
import { isUniqueViolation } from '../../platform/db/unique-violation';
import { AccountRelationship } from './account-relationship.entity';
import { RelationshipType } from './relationship-type.entity';
import {
  addAccountRelationshipSchema,
  AccountRelationshipView,
  RelationshipDirection,
  removeAccountRelationshipSchema,
} from './relationship.inputs';
import { inWorkspace } from '../../platform/data/workspace-rows';

/** The label of a link seen from one side: the type's name going out, its inverse name (or name) coming in. */
export const relationshipLabel = (type: Pick<RelationshipType, 'name' | 'inverseName'>, direction: RelationshipDirection): string =>
  direction === RelationshipDirection.OUTGOING ? type.name : (type.inverseName ?? type.name);

/** A stored link as seen from `accountId` (one of its two ends). */
export function relationshipViewOf(row: AccountRelationship, accountId: string): AccountRelationshipView {
  const outgoing = row.fromAccountId === accountId;
  return Object.assign(new AccountRelationshipView(), {
    id: row.id,
    direction: outgoing ? RelationshipDirection.OUTGOING : RelationshipDirection.INCOMING,
    reason: row.reason,
    createdAt: row.createdAt,
    typeId: row.typeId,
    accountId,
    otherAccountId: outgoing ? row.toAccountId : row.fromAccountId,
  });
}

/** Account-to-account links (relaciones). Both accounts must be in the caller's portfolio to link or unlink them. */
export class AccountRelationshipsService {
  constructor(
    private readonly db: DataSource,
    private readonly accounts: AccountsService,
    private readonly timeline: TimelineService,
  ) {}

  /** Every link touching these accounts (either side), in one query; bounded by the workspace. */
  ofAccounts(workspaceId: string, accountIds: readonly string[]): Promise<AccountRelationship[]> {
    const ids = [...new Set(accountIds.filter(isUuid))];
    if (!ids.length) return Promise.resolve([]);
    return inWorkspace(this.db.manager, { workspaceId })
      .query(AccountRelationship, 'r')
      .andWhere(new Brackets((q) => q.where('r.from_account_id IN (:...ids)', { ids }).orWhere('r.to_account_id IN (:...ids)', { ids })))
      .orderBy('r.created_at', 'ASC')
      .addOrderBy('r.id', 'ASC')
      .getMany();
  }

  async add(principal: Principal, input: unknown): Promise<AccountRelationshipView> {
    const data = parseInput(addAccountRelationshipSchema, input);
    return this.db.transaction(async (manager) => {
      const [from, to] = await this.lockBoth(manager, principal, data.fromAccountId, data.toAccountId);
      const type = await inWorkspace(manager, principal).findOne(RelationshipType, { where: { id: data.typeId } });
      if (!type) throw BadUserInputError.field('input.typeId', 'is not a relationship type of this workspace');
      if (type.archivedAt) throw BadUserInputError.field('input.typeId', `"${type.name}" is archived and can't be used for new links`);
      const existing = await inWorkspace(manager, principal)
        .query(AccountRelationship, 'r')
        .andWhere('r.type_id = :typeId', { typeId: type.id })
        .andWhere(
          '((r.from_account_id = :from AND r.to_account_id = :to) OR (r.from_account_id = :to AND r.to_account_id = :from))',
          { from: from.id, to: to.id },
        )
        .getOne();
      if (existing) throw new ConflictError(`These accounts are already linked as "${type.name}"`, { reason: ErrorReason.ALREADY_LINKED, relationshipId: existing.id });
      let saved: AccountRelationship;
      try {
        saved = await manager.save(
          manager.create(AccountRelationship, {
            workspaceId: principal.workspaceId,
            fromAccountId: from.id,
            toAccountId: to.id,
            typeId: type.id,
            reason: data.reason ?? null,
          }),
        );
      } catch (error) {
        if (isUniqueViolation(error)) throw new ConflictError(`These accounts are already linked as "${type.name}"`, { reason: ErrorReason.ALREADY_LINKED });
        throw error;
      }
      await this.recordOnBoth(manager, principal, 'ACCOUNT_RELATIONSHIP_ADDED', saved, type);
      return relationshipViewOf(saved, from.id);
    });
  }

  /** Removes a link; answers it as seen from its "from" account. */
  async remove(principal: Principal, input: unknown): Promise<AccountRelationshipView> {
    const data = parseInput(removeAccountRelationshipSchema, input);
    return this.db.transaction(async (manager) => {
      const row = isUuid(data.id)
        ? await inWorkspace(manager, principal).findOne(AccountRelationship, { where: { id: data.id } })
        : null;
      if (!row) throw new NotFoundError('Account relationship');
      await this.lockBoth(manager, principal, row.fromAccountId, row.toAccountId).catch((error: unknown) => {
        throw error instanceof NotFoundError ? new NotFoundError('Account relationship') : error;
      });
      const deleted = await manager.delete(AccountRelationship, { workspaceId: principal.workspaceId, id: row.id });
      if (!deleted.affected) throw new NotFoundError('Account relationship'); // removed concurrently
      const type = await inWorkspace(manager, principal).findOneOrFail(RelationshipType, { where: { id: row.typeId } });
      await this.recordOnBoth(manager, principal, 'ACCOUNT_RELATIONSHIP_REMOVED', row, type);
      return relationshipViewOf(row, row.fromAccountId);
    });
  }

  /** Locks both accounts (in id order, so two links between the same pair never deadlock); each must be visible. */
  private async lockBoth(manager: EntityManager, principal: Principal, fromId: string, toId: string): Promise<[Account, Account]> {
    const [firstId, secondId] = [fromId, toId].sort();
    const first = await this.accounts.lockVisible(manager, principal, firstId);
    const second = await this.accounts.lockVisible(manager, principal, secondId);
    return first.id === fromId ? [first, second] : [second, first];
  }

  private async recordOnBoth(
    manager: EntityManager,
    principal: Principal,
    kind: string,
    row: AccountRelationship,
    type: RelationshipType,
  ): Promise<void> {
    const entryFor = (accountId: string) => {
      const view = relationshipViewOf(row, accountId);
      return {
        kind,
        recordType: RecordType.ACCOUNT,
        recordId: accountId,
        accountId,
        data: {
          relationshipId: row.id,
          typeId: type.id,
          otherAccountId: view.otherAccountId,
          direction: view.direction,
          label: relationshipLabel(type, view.direction),
          reason: row.reason,
        },
      };
    };
    await this.timeline.record(manager, principal, [entryFor(row.fromAccountId), entryFor(row.toAccountId)]);
  }
}
