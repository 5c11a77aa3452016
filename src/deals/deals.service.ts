import { In, type DataSource, type EntityManager } from 'typeorm';
import type { AccountsService } from '../accounts/accounts.service';
import type { ContactsService } from '../accounts/contacts.service';
import type { ProductsService } from '../catalog/products.service';
import type { MembersService } from '../identity/members.service';
import { actorRefOf } from '../platform/auth/actor';
import { allowedPrincipal } from '../platform/auth/guard';
import type { Principal } from '../platform/auth/principal';
import { scopeRules, type ScopePredicate } from '../platform/auth/record-scope';
import { ScopedRecordService } from '../platform/data/scoped-record-service';
import { inWorkspace } from '../platform/data/workspace-rows';
import { isUniqueViolation } from '../platform/db/unique-violation';
import { ErrorReason } from '../platform/errors/error-reason';
import { BadUserInputError, ConflictError, NotFoundError, type FieldProblem } from '../platform/errors/errors';
import { announceActivity } from '../platform/events/activity.topic';
import type { EventBus } from '../platform/events/event-bus';
import { SqlFilter } from '../platform/filtering/sql-filter';
import { decimalsOf, minorUnitsOf } from '../platform/money/currency';
import type { ConnectionArgs, ConnectionShape } from '../platform/pagination/connection';
import type { FirstNSource } from '../platform/pagination/first-n';
import { paginate } from '../platform/pagination/keyset';
import { scopedRecordKind, type RecordKindRegistry } from '../platform/records/record-kinds';
import { diffFields } from '../platform/timeline/diff';
import { RecordType, type FieldChange } from '../platform/timeline/timeline-entry.entity';
import type { TimelineService } from '../platform/timeline/timeline.service';
import { parseInput, rooted } from '../platform/validation/parse-input';
import { dealsGuard, DealStatus, StageKind } from './deal-enums';
import { amountOf, linesFrom, totalsOf, type LineColumns } from './deal-pricing';
import { assertMeets, type DealFacts } from './deal-rules';
import { DealLine } from './deal-line.entity';
import { DealStageChange } from './deal-stage-change.entity';
import { Deal } from './deal.entity';
import { dealFilter, dealOrdering, type DealFilter, type DealOrder } from './deal.filter';
import { createDealSchema, DEAL_TRACKED_FIELDS, dealSearchText, updateDealSchema, type DealLineSpec } from './deal.schemas';
import { dealChangedTopic, DealChangeKind } from './deal.topic';
import type { PipelinesService } from './pipelines.service';

export interface DealListArgs extends ConnectionArgs {
  filter?: DealFilter | null;
  orderBy?: DealOrder[] | null;
}

/** A timeline entry of a deal (record type, id and account are the deal's). */
export interface DealEntry {
  kind: string;
  changes?: FieldChange[] | null;
  data?: Record<string, unknown> | null;
}

const NO_ACTOR = { memberId: null, apiKeyId: null };

/** The facts stage requirements are checked against. */
export const factsOf = (deal: Pick<Deal, 'amount' | 'expectedCloseDate' | 'contactIds' | 'lineCount'>): DealFacts => ({
  amount: deal.amount,
  expectedCloseDate: deal.expectedCloseDate,
  contactIds: deal.contactIds,
  lineCount: deal.lineCount,
});

/**
 * Deals: visible exactly when their account is (scopeRules.attachedToAccount(), alias `d`); reads, locks and
 * `expectedVersion` come from ScopedRecordService. Every command writes the deal, its timeline entry (anchored to
 * the account, so the account's history shows it) and its `dealChanged` event in one transaction. Lines live in
 * DealLinesService, stage moves in DealMovesService; both commit through this service.
 */
export class DealsService extends ScopedRecordService<Deal> {
  constructor(
    db: DataSource,
    private readonly records: RecordKindRegistry,
    private readonly timeline: TimelineService,
    private readonly events: EventBus | undefined,
    private readonly accounts: AccountsService,
    private readonly contacts: ContactsService,
    private readonly members: MembersService,
    private readonly products: ProductsService,
    readonly pipelines: PipelinesService,
  ) {
    super(db, { entity: Deal, alias: 'd', scope: scopeRules.attachedToAccount(), label: 'Deal' });
    records.register(scopedRecordKind(RecordType.DEAL, this, (deal) => ({ accountId: deal.accountId, ownerMembershipId: null })));
    pipelines.useStageOccupancy(async (manager, principal, stageIds) => {
      if (!stageIds.length) return new Set();
      const rows = await inWorkspace(manager, principal)
        .query(Deal, 'd')
        .select('DISTINCT d.stage_id', 'stageId')
        .andWhere('d.stage_id IN (:...stageIds)', { stageIds })
        .getRawMany<{ stageId: string }>();
      return new Set(rows.map((row) => row.stageId));
    });
  }

  /** For the first-N loader of `Account.deals`: visible deals of many accounts, newest first. */
  accountsSource(principal: () => Principal): FirstNSource<Deal, ConnectionArgs> {
    return {
      entity: Deal,
      sortKeys: dealOrdering.sortKeys(null),
      parentSql: 'd.account_id',
      rows: (accountIds) => this.visible(principal()).andWhere('d.account_id IN (:...accountIds)', { accountIds }),
    };
  }

  /** OPEN, active deals owned by `memberId`, that the caller may see and that meet `condition` (on the deal id column): IDLE counters. */
  countOpenOwnedWhere(principal: Principal, memberId: string, condition: (idColumn: string) => ScopePredicate): Promise<number> {
    const extra = condition('d.id');
    return this.visible(principal)
      .andWhere('d.owner_membership_id = :ownedBy AND d.status = :openDeal AND d.archived_at IS NULL', { ownedBy: memberId, openDeal: DealStatus.OPEN })
      .andWhere(extra.sql, extra.params)
      .getCount();
  }

  list(principal: Principal, args: DealListArgs): Promise<ConnectionShape<Deal>> {
    const query = this.visible(principal);
    const sql = new SqlFilter('df');
    const condition = dealFilter.compile(sql, args.filter);
    if (condition) query.andWhere(condition, sql.params);
    return paginate(query, dealOrdering.sortKeys(args.orderBy), args);
  }

  /** A new deal in an OPEN stage (its first unless told) of a pipeline (the default unless told), with its lines. */
  create(principal: Principal, input: unknown): Promise<Deal> {
    return this.db.transaction((manager) => this.createWithin(manager, principal, input));
  }

  /**
   * createDeal's work inside the caller's transaction (lead conversion: `sourceLeadId` and the member credited,
   * `convertedById`): validates `input` (problems under `root`), writes the deal, its lines, its DEAL_CREATED entry
   * and event; nothing is committed here.
   */
  async createWithin(
    manager: EntityManager,
    principal: Principal,
    input: unknown,
    options: { sourceLeadId?: string | null; convertedById?: string | null; root?: string } = {},
  ): Promise<Deal> {
    this.assertMayWrite(principal);
    const root = options.root ?? 'input';
    const data = parseInput(createDealSchema, input, root);
    const ownerId = data.ownerId !== undefined ? data.ownerId : principal.kind === 'member' ? principal.membershipId : null;
    // The account first: one outside reach is NOT_FOUND whatever else is wrong with the input.
    await this.assertAccountVisible(manager, principal, data.accountId);
    const problems = [
      ...(await this.contactProblems(manager, principal, data.accountId, data.contactIds ?? [], `${root}.contactIds`)),
      ...rooted(await this.ownerProblems(principal, ownerId, manager), root),
      ...amountProblems(data.amount ?? null, data.currency, `${root}.amount`),
    ];
    const pipeline = data.pipelineId
      ? await this.pipelines.usable(manager, principal, data.pipelineId, `${root}.pipelineId`)
      : await this.pipelines.defaultPipeline(manager, principal);
    if (!pipeline) throw BadUserInputError.field(`${root}.pipelineId`, 'is required: the workspace has no default pipeline');
    const stages = await this.pipelines.stagesOf(principal, [pipeline.id], manager);
    const stage = data.stageId ? stages.find((candidate) => candidate.id === data.stageId) : stages.find((candidate) => candidate.kind === StageKind.OPEN);
    if (!stage) problems.push({ path: `${root}.stageId`, message: 'is not a current stage of the pipeline' });
    else if (stage.kind !== StageKind.OPEN) problems.push({ path: `${root}.stageId`, message: 'must be an OPEN stage: create the deal, then win or lose it' });
    const lines = await this.priceLines(manager, principal, data.lines ?? [], data.currency, (i) => `${root}.lines.${i}`);
    problems.push(...lines.problems);
    if (problems.length || !stage) throw new BadUserInputError(problems);
    await this.assertExternalIdFree(manager, principal, data.externalId ?? null, null, root);

    const actor = actorRefOf(principal);
    const totals = totalsOf(lines.lines, data.currency);
    const deal = this.newRow(manager, principal, {
      title: data.title,
      accountId: data.accountId,
      contactIds: data.contactIds ?? [],
      pipelineId: pipeline.id,
      stageId: stage.id,
      stageEnteredAt: new Date(),
      ownerMembershipId: ownerId,
      currency: data.currency,
      manualAmount: data.amount ?? null,
      ...totals,
      amount: amountOf({ ...totals, manualAmount: data.amount ?? null }),
      expectedCloseDate: data.expectedCloseDate ?? null,
      status: DealStatus.OPEN,
      wonAt: null,
      lostAt: null,
      lostReasonId: null,
      lostNote: null,
      sourceLeadId: options.sourceLeadId ?? null,
      convertedByMembershipId: options.convertedById ?? null,
      externalId: data.externalId ?? null,
      createdBy: actor,
      updatedBy: actor,
      archivedBy: NO_ACTOR,
    });
    assertMeets(stage, factsOf(deal));
    deal.searchText = dealSearchText(deal);
    const saved = await this.save(manager, deal);
    await this.writeLines(manager, principal, saved.id, lines.lines);
    await this.announce(manager, principal, saved, { kind: 'DEAL_CREATED', data: { title: saved.title, stageId: stage.id, stage: stage.name } }, DealChangeKind.CREATED);
    return saved;
  }

  async update(principal: Principal, input: unknown): Promise<Deal> {
    this.assertMayWrite(principal);
    const { id, expectedVersion, ...data } = parseInput(updateDealSchema, input);
    return this.db.transaction(async (manager) => {
      const deal = await this.lockVisible(manager, principal, id, expectedVersion);
      const before = { ...deal };
      const problems: FieldProblem[] = [];
      if (data.accountId !== undefined && data.accountId !== deal.accountId) {
        await this.assertAccountVisible(manager, principal, data.accountId);
        deal.accountId = data.accountId;
      }
      if (data.contactIds !== undefined || deal.accountId !== before.accountId) {
        const contactIds = data.contactIds ?? deal.contactIds;
        problems.push(...(await this.contactProblems(manager, principal, deal.accountId, contactIds, 'input.contactIds')));
        deal.contactIds = contactIds;
      }
      if (data.ownerId !== undefined) {
        problems.push(...(await this.ownerProblems(principal, data.ownerId)));
        deal.ownerMembershipId = data.ownerId;
      }
      if (data.currency !== undefined && data.currency !== deal.currency) {
        if (deal.lineCount > 0) problems.push({ path: 'input.currency', message: 'cannot change while the deal has product lines (their prices are in its currency)' });
        deal.currency = data.currency;
      }
      if (data.amount !== undefined) deal.manualAmount = data.amount;
      problems.push(...amountProblems(deal.manualAmount, deal.currency, data.amount !== undefined ? 'input.amount' : 'input.currency'));
      if (problems.length) throw new BadUserInputError(problems);
      if (data.title !== undefined) deal.title = data.title;
      if (data.expectedCloseDate !== undefined) deal.expectedCloseDate = data.expectedCloseDate;
      if (data.externalId !== undefined) {
        await this.assertExternalIdFree(manager, principal, data.externalId, deal.id);
        deal.externalId = data.externalId;
      }
      deal.amount = amountOf(deal);
      const changes = diffFields(before, deal, DEAL_TRACKED_FIELDS);
      if (!changes.length) return deal;
      // It stays in its stage: what the stage requires must stay.
      const [stage] = await this.pipelines.stagesByIds(principal, [deal.stageId], manager);
      if (stage) assertMeets(stage, factsOf(deal));
      const saved = await this.commit(manager, principal, deal, { kind: 'DEAL_UPDATED', changes }, DealChangeKind.CHANGED, [before.ownerMembershipId]);
      if (saved.accountId !== before.accountId) await this.anchorsChanged(manager, principal, [saved]);
      return saved;
    });
  }

  /** Lines of these deals (already located by the caller), in order. */
  linesOf(principal: Principal, dealIds: readonly string[], manager: EntityManager = this.db.manager): Promise<DealLine[]> {
    if (!dealIds.length) return Promise.resolve([]);
    return inWorkspace(manager, principal).find(DealLine, { where: { dealId: In([...dealIds]) }, order: { dealId: 'ASC', position: 'ASC' } });
  }

  /** Stage history of these deals (already located by the caller), oldest first. */
  historyOf(principal: Principal, dealIds: readonly string[]): Promise<DealStageChange[]> {
    if (!dealIds.length) return Promise.resolve([]);
    return inWorkspace(this.db.manager, principal).find(DealStageChange, {
      where: { dealId: In([...dealIds]) },
      order: { dealId: 'ASC', occurredAt: 'ASC', id: 'ASC' },
    });
  }

  /** Prices line inputs for a deal in `currency`: the products named are read through the catalog's service. */
  async priceLines(manager: EntityManager, principal: Principal, specs: readonly DealLineSpec[], currency: string, pathOf: (index: number) => string) {
    const productIds = specs.flatMap((spec) => (spec.productId ? [spec.productId] : []));
    const found = productIds.length ? await this.products.byIds(principal, productIds, manager) : [];
    return linesFrom(specs, new Map(found.map((product) => [product.id, product])), currency, pathOf);
  }

  /** Inserts lines after the deal's last position (one statement). */
  async writeLines(manager: EntityManager, principal: Principal, dealId: string, lines: LineColumns[], firstPosition = 0): Promise<void> {
    if (!lines.length) return;
    await manager.insert(
      DealLine,
      lines.map((line, i) => ({ ...line, dealId, position: firstPosition + i, workspaceId: principal.workspaceId })),
    );
  }

  /**
   * Saves a changed deal (always a new version, even when only its lines changed), writes its timeline entry and
   * announces it, in the command's transaction.
   */
  async commit(
    manager: EntityManager,
    principal: Principal,
    deal: Deal,
    entry: DealEntry,
    change: DealChangeKind,
    formerOwnerIds: readonly (string | null)[] = [],
  ): Promise<Deal> {
    deal.updatedBy = actorRefOf(principal);
    deal.searchText = dealSearchText(deal);
    const version = deal.version;
    let saved = await this.save(manager, deal);
    if (saved.version === version) {
      // Nothing of the row changed (e.g. lines replaced by equal ones): still a change of the deal.
      await manager.createQueryBuilder().update(Deal).set({ updatedBy: actorRefOf(principal) }).where('id = :id AND workspace_id = :workspaceId', { id: deal.id, workspaceId: principal.workspaceId }).execute();
      saved = await this.get(principal, deal.id, manager);
    }
    await this.announce(manager, principal, saved, entry, change, formerOwnerIds);
    return saved;
  }

  /** Writes the deal's timeline entry and publishes its events (delivered on commit). */
  async announce(
    manager: EntityManager,
    principal: Principal,
    deal: Deal,
    entry: DealEntry,
    change: DealChangeKind,
    formerOwnerIds: readonly (string | null)[] = [],
  ): Promise<void> {
    await this.timeline.record(manager, principal, [{ ...entry, recordType: RecordType.DEAL, recordId: deal.id, accountId: deal.accountId }]);
    await this.publish(manager, principal, [deal], change, formerOwnerIds);
  }

  /**
   * Announces changed deals, once the transaction commits, to `dealChanged` subscribers of every instance and to
   * the live counters of their owners (and of `formerOwnerIds`, the owners before the change): IDLE counts a deal
   * by its owner while it is OPEN and active, which a creation, an owner change, a win, a loss, a reopening or a
   * move to another account may change. Every deal change is announced: a recount that finds nothing new pushes
   * nothing, and no change that moves the count can be missed.
   */
  async publish(
    manager: EntityManager,
    principal: Principal,
    deals: readonly Pick<Deal, 'id' | 'pipelineId' | 'ownerMembershipId'>[],
    change: DealChangeKind,
    formerOwnerIds: readonly (string | null)[] = [],
  ): Promise<void> {
    if (!deals.length) return;
    await this.events?.publish(manager, dealChangedTopic, {
      workspaceId: principal.workspaceId,
      deals: deals.map((deal) => ({ id: deal.id, pipelineId: deal.pipelineId, change })),
    });
    await announceActivity(this.events, manager, { workspaceId: principal.workspaceId, memberIds: [...deals.map((deal) => deal.ownerMembershipId), ...formerOwnerIds] });
  }

  /** The owners of these deals, read in the command's transaction whatever the caller may see (IDLE counters). */
  async ownerIdsOf(manager: EntityManager, principal: Principal, dealIds: readonly string[]): Promise<string[]> {
    const ids = [...new Set(dealIds)];
    if (!ids.length) return [];
    const rows = await inWorkspace(manager, principal)
      .query(Deal, 'd')
      .select('DISTINCT d.owner_membership_id', 'ownerId')
      .andWhere('d.id IN (:...ids) AND d.owner_membership_id IS NOT NULL', { ids })
      .getRawMany<{ ownerId: string }>();
    return rows.map((row) => row.ownerId);
  }

  /** Tells the record registry's subscribers (documents) that these deals now hang off another account. */
  anchorsChanged(manager: EntityManager, principal: Principal, deals: Deal[]): Promise<void> {
    return this.records.anchorsChanged(manager, principal, RecordType.DEAL, deals);
  }

  /** Deal commands need deals:write (the @Guard says so too; the service does not rely on it alone). */
  assertMayWrite(principal: Principal): void {
    allowedPrincipal({ principal, error: null }, [dealsGuard.write]);
  }

  /** An account the caller cannot see is NOT_FOUND, exactly like one that does not exist. */
  private async assertAccountVisible(manager: EntityManager, principal: Principal, accountId: string): Promise<void> {
    const visible = await this.accounts.visibleIds(principal, [accountId], manager);
    if (!visible.has(accountId)) throw new NotFoundError('Account');
  }

  /** Each contact must be a visible contact of the deal's account. */
  private async contactProblems(manager: EntityManager, principal: Principal, accountId: string, contactIds: readonly string[], path: string): Promise<FieldProblem[]> {
    if (!contactIds.length) return [];
    const found = await this.contacts.byIds(principal, contactIds, manager);
    const ofAccount = new Set(found.filter((contact) => contact.accountId === accountId).map((contact) => contact.id));
    const problems: FieldProblem[] = [];
    contactIds.forEach((contactId, index) => {
      if (!ofAccount.has(contactId)) problems.push({ path: `${path}.${index}`, message: 'is not a contact of the deal\'s account' });
      else if (contactIds.indexOf(contactId) !== index) problems.push({ path: `${path}.${index}`, message: 'appears twice' });
    });
    return problems;
  }

  private ownerProblems(principal: Principal, ownerId: string | null, manager?: EntityManager): Promise<FieldProblem[]> {
    return this.members.inactiveMemberProblems(principal.workspaceId, [{ path: 'input.ownerId', id: ownerId }], manager);
  }


  private async save(manager: EntityManager, deal: Deal): Promise<Deal> {
    try {
      return await manager.save(deal);
    } catch (error) {
      if (isUniqueViolation(error)) throw new ConflictError('Another deal of this workspace took this externalId meanwhile', { reason: ErrorReason.CONCURRENT_WRITE });
      throw error;
    }
  }
}

/** A manual amount may have at most the currency's minor-unit decimals. */
export function amountProblems(amount: string | null, currency: string, path: string): FieldProblem[] {
  if (amount == null || decimalsOf(amount) <= minorUnitsOf(currency)) return [];
  return [{ path, message: `has more decimals than ${currency} allows (${minorUnitsOf(currency)})` }];
}
