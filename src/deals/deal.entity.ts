import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { AuditedRecord } from '../platform/db/audited-record';
import { DecimalScalar, LocalDateScalar } from '../platform/graphql/scalars';
import { declareRecordType } from '../platform/records/record-types';
import { DealStatus } from './deal-enums';

const MONEY = 'in `currency`, at its minor units (half-up per line; see the README, "Deals")';

@ObjectType({ description: 'An opportunity (negociación) with an account, moving through the stages of a pipeline; visible exactly when its account is.' })
@Entity('deals')
@Index('deals_workspace_external_id_key', ['workspaceId', 'externalId'], { unique: true, where: 'external_id IS NOT NULL' })
@Index('deals_workspace_account_idx', ['workspaceId', 'accountId', 'createdAt', 'id'])
@Index('deals_workspace_stage_idx', ['workspaceId', 'pipelineId', 'stageId'])
@Index('deals_workspace_created_idx', ['workspaceId', 'createdAt', 'id'])
@Index('deals_workspace_title_idx', ['workspaceId', 'title', 'id'])
@Index('deals_workspace_owner_status_idx', ['workspaceId', 'ownerMembershipId', 'status'])
@Index('deals_workspace_converted_by_idx', ['workspaceId', 'convertedByMembershipId', 'createdAt'])
// Trigram index (workspace_id, search_text) created by hand in the migration (btree_gin + pg_trgm).
@Index('deals_search_trgm_idx', { synchronize: false })
export class Deal extends AuditedRecord {
  @Field(() => ID, { description: 'The deal\'s id.' })
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  workspaceId: string;

  @Field({ description: '1 to 300 characters.' })
  @Column({ type: 'text' })
  title: string;

  @Field(() => ID, { description: 'The account (see `account`); its owners decide who sees the deal.' })
  @Column({ type: 'uuid' })
  accountId: string;

  /** Contacts of the deal's account, in the order given. */
  @Column({ type: 'uuid', array: true, default: () => "'{}'" })
  contactIds: string[];

  @Field(() => ID, { description: 'The pipeline (see `pipeline`); a deal stays in its pipeline.' })
  @Column({ type: 'uuid' })
  pipelineId: string;

  @Field(() => ID, { description: 'The current stage (see `stage`).' })
  @Column({ type: 'uuid' })
  stageId: string;

  @Field({ description: 'When the deal entered its current stage (created there, or moved).' })
  @Column({ type: 'timestamptz', precision: 3 })
  stageEnteredAt: Date;

  /** The member responsible for the deal (see `owner`); visibility follows the account, not this. */
  @Column({ type: 'uuid', nullable: true })
  ownerMembershipId: string | null;

  @Field({ description: 'ISO-4217 code, upper case (e.g. "EUR"); every amount of the deal and its lines is in it.' })
  @Column({ type: 'varchar', length: 3 })
  currency: string;

  @Field(() => DecimalScalar, { nullable: true, description: `The amount given by hand (used while the deal has no lines), ${MONEY}; null: none.` })
  @Column({ type: 'numeric', nullable: true })
  manualAmount: string | null;

  @Field(() => DecimalScalar, {
    nullable: true,
    description: `The deal's value, ${MONEY}: with product lines, their total (linesTotal, tax included); without, manualAmount.`,
  })
  @Column({ type: 'numeric', nullable: true })
  amount: string | null;

  @Field(() => Int, { description: 'How many product lines the deal has.' })
  @Column({ type: 'integer', default: 0 })
  lineCount: number;

  @Field(() => DecimalScalar, { description: `Sum of the lines' subtotals (quantity x unit price), ${MONEY}.` })
  @Column({ type: 'numeric', default: 0 })
  subtotal: string;

  @Field(() => DecimalScalar, { description: `Sum of the lines' discounts, ${MONEY}.` })
  @Column({ type: 'numeric', default: 0 })
  discountTotal: string;

  @Field(() => DecimalScalar, { description: `Sum of the lines' taxes, ${MONEY}.` })
  @Column({ type: 'numeric', default: 0 })
  taxTotal: string;

  @Field(() => DecimalScalar, { description: `Sum of the lines' totals (subtotal - discount + tax), ${MONEY}.` })
  @Column({ type: 'numeric', default: 0 })
  linesTotal: string;

  @Field(() => LocalDateScalar, { nullable: true, description: 'When the deal is expected to close (YYYY-MM-DD), or null.' })
  @Column({ type: 'date', nullable: true })
  expectedCloseDate: string | null;

  @Field(() => DealStatus, { description: 'OPEN, WON or LOST: the kind of the current stage.' })
  @Column({ type: 'varchar', length: 8 })
  status: DealStatus;

  @Field(() => Date, { nullable: true, description: 'When the deal was won (null unless status is WON).' })
  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  wonAt: Date | null;

  @Field(() => Date, { nullable: true, description: 'When the deal was lost (null unless status is LOST).' })
  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  lostAt: Date | null;

  /** Why it was lost (a lost reason of the settings; see `lostReason`). */
  @Column({ type: 'uuid', nullable: true })
  lostReasonId: string | null;

  @Field(() => String, { nullable: true, description: 'Free text given when the deal was lost, or null.' })
  @Column({ type: 'text', nullable: true })
  lostNote: string | null;

  @Field(() => ID, { nullable: true, description: 'The lead this deal was converted from (set by lead conversion), or null.' })
  @Column({ type: 'uuid', nullable: true })
  sourceLeadId: string | null;

  /** The member credited with converting the lead this deal came from (commissions); null for other deals. See `convertedBy`. */
  @Column({ type: 'uuid', nullable: true })
  convertedByMembershipId: string | null;

  @Field(() => String, { nullable: true, description: 'The integrator\'s id; unique per workspace; the key of upsertDeals.' })
  @Column({ type: 'text', nullable: true })
  externalId: string | null;

  /** Folded title and externalId: what search matches (trigram-indexed). */
  @Column({ type: 'text', default: '' })
  searchText: string;
}

// Deals are records of their own kind (timeline entries, documents, comments, subscriptions).
declare module '../platform/records/record-types' {
  interface RecordTypes {
    DEAL: 'DEAL';
  }
}
declareRecordType('DEAL');
