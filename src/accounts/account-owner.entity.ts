import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Membership } from '../identity/identity.public';
import { Account } from './account.entity';

/** Responsables: one primary and any number of secondary owners per account; they define the portfolio. */
@Entity('account_owners')
@Index('account_owners_workspace_member_idx', ['workspaceId', 'membershipId', 'accountId'])
@Index('account_owners_one_primary_key', ['accountId'], { unique: true, where: 'is_primary' })
export class AccountOwner {
  @PrimaryColumn({ type: 'uuid' })
  accountId: string;

  @PrimaryColumn({ type: 'uuid' })
  membershipId: string;

  @Column({ type: 'uuid' })
  workspaceId: string;

  @Column({ type: 'boolean', default: false })
  isPrimary: boolean;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;

  @ManyToOne(() => Account, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'account_id' })
  account?: Account;

  @ManyToOne(() => Membership, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'membership_id' })
  membership?: Membership;
}
