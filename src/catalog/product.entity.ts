import { Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { AuditedRecord } from '../platform/db/audited-record';
import { DecimalScalar } from '../platform/graphql/scalars';
import { declareRecordType } from '../platform/records/record-types';

@ObjectType({ description: 'A product or service of the workspace catalog (workspace-wide: every member reads it).' })
@Entity('products')
@Index('products_workspace_sku_key', ['workspaceId', 'sku'], { unique: true })
@Index('products_workspace_external_id_key', ['workspaceId', 'externalId'], { unique: true, where: 'external_id IS NOT NULL' })
@Index('products_workspace_name_idx', ['workspaceId', 'name', 'id'])
@Index('products_workspace_category_idx', ['workspaceId', 'categoryId'])
export class Product extends AuditedRecord {
  @Field(() => ID, { description: 'The product\'s id.' })
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  workspaceId: string;

  @Field({ description: 'Stock keeping unit: unique in the workspace (case-sensitive), at most 100 characters.' })
  @Column({ type: 'text' })
  sku: string;

  @Field({ description: 'Display name; at most 300 characters.' })
  @Column({ type: 'text' })
  name: string;

  @Field(() => String, { nullable: true, description: 'Free description; null when none.' })
  @Column({ type: 'text', nullable: true })
  description: string | null;

  @Field(() => DecimalScalar, { description: 'Price of one unit before tax, in `currency`; exact, scale kept (e.g. "19.99").' })
  @Column({ type: 'numeric' })
  unitPrice: string;

  @Field({ description: 'ISO-4217 currency code, upper case (e.g. "EUR").' })
  @Column({ type: 'varchar', length: 3 })
  currency: string;

  @Field(() => DecimalScalar, { description: 'Tax rate in percent, 0 to 100 (e.g. "21.000").' })
  @Column({ type: 'numeric' })
  taxRate: string;

  @Field({ description: 'Unit of measure, free text (e.g. "unit", "kg", "hour").' })
  @Column({ type: 'text' })
  unitOfMeasure: string;

  @Field(() => ID, { nullable: true, description: 'The product category (see `category`), or null.' })
  @Column({ type: 'uuid', nullable: true })
  categoryId: string | null;

  @Field({ description: 'Whether the product may be offered; inactive products stay readable.' })
  @Column({ type: 'boolean', default: true })
  active: boolean;

  @Field(() => String, { nullable: true, description: 'The integrator\'s id; unique per workspace; the key of upsertProducts.' })
  @Column({ type: 'text', nullable: true })
  externalId: string | null;
}

// Products are records of their own kind (timeline entries, documents, comments).
declare module '../platform/records/record-types' {
  interface RecordTypes {
    PRODUCT: 'PRODUCT';
  }
}
declareRecordType('PRODUCT', 'A product or service of the catalog.');
