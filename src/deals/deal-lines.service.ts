import type { DataSource, EntityManager } from 'typeorm';
import type { Principal } from '../platform/auth/principal';
import { inWorkspace } from '../platform/data/workspace-rows';
import { BadUserInputError, NotFoundError } from '../platform/errors/errors';
import { diffFields } from '../platform/timeline/diff';
import { isUuid } from '../platform/validation/ids';
import { parseInput } from '../platform/validation/parse-input';
import { amountOf, lineAmounts, totalsOf, type LineAmounts } from './deal-pricing';
import { assertMeets } from './deal-rules';
import { DealLine } from './deal-line.entity';
import type { Deal } from './deal.entity';
import { addDealLineSchema, MAX_LINES, setDealLinesSchema, updateDealLineSchema } from './deal.schemas';
import { DealChangeKind } from './deal.topic';
import { factsOf, type DealsService } from './deals.service';

/** What a change of lines shows in the deal's history. */
const TOTAL_FIELDS = ['lineCount', 'subtotal', 'discountTotal', 'taxTotal', 'linesTotal', 'amount'] as const satisfies readonly (keyof Deal)[];

/**
 * A deal's product lines: replaced, added, changed or removed one command at a time, each in one transaction
 * that locks the deal (so line changes of one deal serialize, and `expectedVersion` is the deal's), prices the
 * lines (deal-pricing.ts), stores the deal's totals and amount, and keeps what its stage requires.
 */
export class DealLinesService {
  constructor(
    private readonly db: DataSource,
    private readonly deals: DealsService,
  ) {}

  /** Replaces every line; an empty list leaves the deal with its manual amount. */
  setLines(principal: Principal, input: unknown): Promise<Deal> {
    this.deals.assertMayWrite(principal);
    const data = parseInput(setDealLinesSchema, input);
    return this.db.transaction(async (manager) => {
      const deal = await this.deals.lockVisible(manager, principal, data.dealId, data.expectedVersion);
      const priced = await this.deals.priceLines(manager, principal, data.lines, deal.currency, (i) => `input.lines.${i}`);
      if (priced.problems.length) throw new BadUserInputError(priced.problems);
      await manager.delete(DealLine, { workspaceId: principal.workspaceId, dealId: deal.id });
      await this.deals.writeLines(manager, principal, deal.id, priced.lines);
      return this.commitTotals(manager, principal, deal, priced.lines, { action: 'SET' });
    });
  }

  /** Adds a line after the others. */
  addLine(principal: Principal, input: unknown): Promise<Deal> {
    this.deals.assertMayWrite(principal);
    const data = parseInput(addDealLineSchema, input);
    return this.db.transaction(async (manager) => {
      const deal = await this.deals.lockVisible(manager, principal, data.dealId, data.expectedVersion);
      const current = await this.deals.linesOf(principal, [deal.id], manager);
      if (current.length >= MAX_LINES) throw BadUserInputError.field('input.line', `cannot be added: a deal has at most ${MAX_LINES} lines`);
      const priced = await this.deals.priceLines(manager, principal, [data.line], deal.currency, () => 'input.line');
      if (priced.problems.length) throw new BadUserInputError(priced.problems);
      const position = current.length ? current[current.length - 1].position + 1 : 0;
      await this.deals.writeLines(manager, principal, deal.id, priced.lines, position);
      return this.commitTotals(manager, principal, deal, [...current, ...priced.lines], { action: 'ADDED', line: priced.lines[0].name });
    });
  }

  /** Changes one line (its product stays what it was); its amounts are priced again. */
  updateLine(principal: Principal, input: unknown): Promise<Deal> {
    this.deals.assertMayWrite(principal);
    const { id, expectedVersion, ...changes } = parseInput(updateDealLineSchema, input);
    return this.db.transaction(async (manager) => {
      const { deal, lines, line } = await this.lockLine(manager, principal, id, expectedVersion);
      const next = { ...line, ...Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== undefined)) } as DealLine;
      Object.assign(next, lineAmounts(next, deal.currency));
      const { subtotal, discountAmount, taxAmount, total, name, description, unitOfMeasure, quantity, unitPrice, discountPercent, taxRate } = next;
      await manager.update(
        DealLine,
        { id: line.id, workspaceId: principal.workspaceId },
        { name, description, unitOfMeasure, quantity, unitPrice, discountPercent, taxRate, subtotal, discountAmount, taxAmount, total },
      );
      return this.commitTotals(manager, principal, deal, lines.map((other) => (other.id === line.id ? next : other)), { action: 'UPDATED', line: next.name });
    });
  }

  /** Removes one line; the later ones move up. */
  removeLine(principal: Principal, input: { id: string; expectedVersion?: number | null }): Promise<Deal> {
    this.deals.assertMayWrite(principal);
    return this.db.transaction(async (manager) => {
      const { deal, lines, line } = await this.lockLine(manager, principal, input.id, input.expectedVersion);
      await manager.delete(DealLine, { id: line.id, workspaceId: principal.workspaceId });
      await manager
        .createQueryBuilder()
        .update(DealLine)
        .set({ position: () => 'position - 1' })
        .where('workspace_id = :workspaceId AND deal_id = :dealId AND position > :position', { workspaceId: principal.workspaceId, dealId: deal.id, position: line.position })
        .execute();
      return this.commitTotals(manager, principal, deal, lines.filter((other) => other.id !== line.id), { action: 'REMOVED', line: line.name });
    });
  }

  /**
   * The line with this id and its deal, locked: the line is found in the caller's workspace, then its deal
   * through the deal's scope; outside reach (either) is NOT_FOUND. The lines are read after the lock.
   */
  private async lockLine(manager: EntityManager, principal: Principal, id: string, expectedVersion?: number | null) {
    const found = isUuid(id) ? await inWorkspace(manager, principal).findOne(DealLine, { where: { id } }) : null;
    if (!found) throw new NotFoundError('Deal line');
    const deal = await this.deals.lockVisible(manager, principal, found.dealId, expectedVersion).catch((error: unknown) => {
      throw error instanceof NotFoundError ? new NotFoundError('Deal line') : error;
    });
    const lines = await this.deals.linesOf(principal, [deal.id], manager);
    const line = lines.find((candidate) => candidate.id === id);
    if (!line) throw new NotFoundError('Deal line');
    return { deal, lines, line };
  }

  /** Stores the deal's totals from all its lines (as they are now), checks its stage, and commits the change. */
  private async commitTotals(manager: EntityManager, principal: Principal, deal: Deal, lines: readonly LineAmounts[], data: Record<string, unknown>): Promise<Deal> {
    const before = { ...deal };
    Object.assign(deal, totalsOf(lines, deal.currency));
    deal.amount = amountOf(deal);
    const [stage] = await this.deals.pipelines.stagesByIds(principal, [deal.stageId], manager);
    if (stage) assertMeets(stage, factsOf(deal), 'input');
    const changes = diffFields(before, deal, TOTAL_FIELDS);
    return this.deals.commit(manager, principal, deal, { kind: 'DEAL_LINES_CHANGED', changes, data }, DealChangeKind.CHANGED);
  }
}
