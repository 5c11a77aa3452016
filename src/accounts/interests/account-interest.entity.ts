import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { Account } from '../account.entity';
import { InterestArea, InterestKind } from './interest-area.entity';

@Entity('account_interests')
@Index('account_interests_workspace_area_idx', ['workspaceId', 'areaId', 'kind'])
export class AccountInterest {
  @PrimaryColumn({ type: 'uuid' })
  accountId: string;

  @PrimaryColumn({ type: 'uuid' })
  areaId: string;

  @Column({ type: 'uuid' })
  workspaceId: string;

  @Column({ type: 'varchar', length: 16 })
  kind: InterestKind;

  @Column({ type: 'text', nullable: true })
  note: string | null;

  @UpdateDateColumn({ type: 'timestamptz', precision: 3 })
  updatedAt: Date;

  @ManyToOne(() => Account, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'account_id' })
  account?: Account;

  @ManyToOne(() => InterestArea, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'area_id' })
  area?: InterestArea;
}
