import { Field, ID, ObjectType } from 'type-graphql';
import { Column, CreateDateColumn, PrimaryGeneratedColumn } from 'typeorm';

/**
 * The columns every entry of a settings list shares (relationship types, characteristic definitions,
 * interest areas, document types). Archiving keeps the row so existing values stay readable.
 */
@ObjectType()
export abstract class SettingEntry {
  @Field(() => ID, { description: 'The entry\'s id.' })
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  workspaceId: string;

  @Field({ description: 'When the entry was created (UTC).' })
  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;

  @Field(() => Date, { nullable: true, description: 'When the entry was archived (UTC); null while it is in use. Archived entries stay readable where used.' })
  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  archivedAt: Date | null;
}
