import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { DecimalScalar } from '../platform/graphql/scalars';
import { Deal } from './deal.entity';

const MONEY = 'in the deal\'s currency, rounded half-up to its minor units';

@ObjectType({ description: 'A product line of a deal: a catalog product (its name, price, tax and unit copied when added, editable after) or an inline one.' })
@Entity('deal_lines')
@Index('deal_lines_workspace_deal_idx', ['workspaceId', 'dealId', 'position'])
@Index('deal_lines_workspace_product_idx', ['workspaceId', 'productId'])
export class DealLine {
  @Field(() => ID, { description: 'The line\'s id.' })
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  workspaceId: string;

  @Field(() => ID, { description: 'The deal the line belongs to.' })
  @Column({ type: 'uuid' })
  dealId: string;

  @ManyToOne(() => Deal, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'deal_id' })
  deal?: Deal;

  @Field(() => Int, { description: 'Order among the deal\'s lines, from 0.' })
  @Column({ type: 'integer' })
  position: number;

  /** The catalog product it came from (see `product`), or null for an inline product. */
  @Column({ type: 'uuid', nullable: true })
  productId: string | null;

  @Field({ description: 'What is sold (the product\'s name when added from the catalog); 1 to 300 characters.' })
  @Column({ type: 'text' })
  name: string;

  @Field(() => String, { nullable: true, description: 'Free text, or null.' })
  @Column({ type: 'text', nullable: true })
  description: string | null;

  @Field({ description: 'Unit of measure (e.g. "unit", "hour").' })
  @Column({ type: 'text' })
  unitOfMeasure: string;

  @Field(() => DecimalScalar, { description: 'How many units: > 0, at most 6 decimals (e.g. "0.333333").' })
  @Column({ type: 'numeric' })
  quantity: string;

  @Field(() => DecimalScalar, { description: 'Price of one unit before discount and tax, in the deal\'s currency; >= 0, at most 4 decimals.' })
  @Column({ type: 'numeric' })
  unitPrice: string;

  @Field(() => DecimalScalar, { description: 'Discount in percent, 0 to 100 (e.g. "7.5").' })
  @Column({ type: 'numeric' })
  discountPercent: string;

  @Field(() => DecimalScalar, { description: 'Tax rate in percent, 0 to 100 (e.g. "21").' })
  @Column({ type: 'numeric' })
  taxRate: string;

  @Field(() => DecimalScalar, { description: `quantity x unitPrice, ${MONEY}.` })
  @Column({ type: 'numeric' })
  subtotal: string;

  @Field(() => DecimalScalar, { description: `subtotal x discountPercent / 100, ${MONEY}.` })
  @Column({ type: 'numeric' })
  discountAmount: string;

  @Field(() => DecimalScalar, { description: `(subtotal - discountAmount) x taxRate / 100, ${MONEY}.` })
  @Column({ type: 'numeric' })
  taxAmount: string;

  @Field(() => DecimalScalar, { description: `subtotal - discountAmount + taxAmount, ${MONEY}.` })
  @Column({ type: 'numeric' })
  total: string;

  @Field({ description: 'When the line was added.' })
  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;
}
