import { declareRecordType } from '../platform/records/record-types';
import { Field, ID, ObjectType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Membership } from './membership.entity';
import { Workspace } from './workspace.entity';

@ObjectType({ description: 'A key for integrations. Its secret is shown once, at creation; only a hash is kept.' })
@Entity('api_keys')
@Index('api_keys_prefix_key', ['prefix'], { unique: true })
@Index('api_keys_workspace_created_idx', ['workspaceId', 'createdAt'])
export class ApiKey {
  @Field(() => ID, { description: 'The key\'s id (Actor.apiKeyId of what it changed).' })
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  workspaceId: string;

  @ManyToOne(() => Workspace, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'workspace_id' })
  workspace?: Workspace;

  @Field({ description: 'What the key is for, as given at creation.' })
  @Column({ type: 'text' })
  name: string;

  @Field({ description: 'The first characters of the secret (vk_ and 8 more), to recognise the key; not secret.' })
  @Column({ type: 'text' })
  prefix: string;

  @Column({ type: 'text' })
  secretHash: string;

  @Field(() => [String], { description: 'What the key may do, sorted, e.g. accounts:read, leads:write (write implies read).' })
  @Column({ type: 'text', array: true })
  scopes: string[];

  @Column({ type: 'uuid', nullable: true })
  createdByMembershipId: string | null;

  @ManyToOne(() => Membership, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'created_by_membership_id' })
  createdBy?: Membership;

  @Field({ description: 'When the key was created (UTC).' })
  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Field(() => Date, { nullable: true, description: 'When the key stops working (UTC); null: never.' })
  @Column({ type: 'timestamptz', nullable: true })
  expiresAt: Date | null;

  @Field(() => Date, { nullable: true, description: 'When the key was revoked (UTC); null while valid.' })
  @Column({ type: 'timestamptz', nullable: true })
  revokedAt: Date | null;

  @Field(() => Date, { nullable: true, description: 'When the key was last used (UTC, to the minute); null: never.' })
  @Column({ type: 'timestamptz', nullable: true })
  lastUsedAt: Date | null;
}

declare module '../platform/records/record-types' {
  interface RecordTypes {
    /** An API key (created, revoked; never its secret): identity history. */
    API_KEY: 'API_KEY';
  }
}
declareRecordType('API_KEY', 'An API key (identity history; never its secret).');
