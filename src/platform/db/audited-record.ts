import { Field, Int, ObjectType } from 'type-graphql';
import { Column, CreateDateColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import { ActorRef } from '../auth/actor';

/**
 * The bookkeeping of a main record (account, contact, ...): optimistic-lock version, times and actors of
 * creation, last change and archiving. Archived records leave default lists but stay readable.
 */
@ObjectType()
export abstract class AuditedRecord {
  @Field(() => Int, { description: 'Increases on every change; pass it as expectedVersion to detect stale updates.' })
  @VersionColumn()
  version: number;

  @Field({ description: 'When the record was created (UTC).' })
  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;

  @Field({ description: 'When the record last changed (UTC); equals createdAt until the first change.' })
  @UpdateDateColumn({ type: 'timestamptz', precision: 3 })
  updatedAt: Date;

  @Field(() => Date, { nullable: true, description: 'When the record was archived (UTC); null while active. Archived records leave default lists.' })
  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  archivedAt: Date | null;

  @Column(() => ActorRef, { prefix: 'created_by' })
  createdBy: ActorRef;

  @Column(() => ActorRef, { prefix: 'updated_by' })
  updatedBy: ActorRef;

  @Column(() => ActorRef, { prefix: 'archived_by' })
  archivedBy: ActorRef;
}
