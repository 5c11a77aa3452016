import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Account } from '../account.entity';
import { RelationshipType } from './relationship-type.entity';

@Entity('account_relationships')
@Index('account_relationships_link_key', ['workspaceId', 'fromAccountId', 'toAccountId', 'typeId'], { unique: true })
@Index('account_relationships_to_idx', ['workspaceId', 'toAccountId'])
export class AccountRelationship {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  workspaceId: string;

  @Column({ type: 'uuid' })
  fromAccountId: string;

  @ManyToOne(() => Account, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'from_account_id' })
  fromAccount?: Account;

  @Column({ type: 'uuid' })
  toAccountId: string;

  @ManyToOne(() => Account, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'to_account_id' })
  toAccount?: Account;

  @Column({ type: 'uuid' })
  typeId: string;

  @ManyToOne(() => RelationshipType, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'type_id' })
  type?: RelationshipType;

  @Column({ type: 'text', nullable: true })
  reason: string | null;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;
}
