import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { Account } from '../account.entity';
import { CharacteristicDefinition } from './characteristic-definition.entity';

/** The value of one characteristic on one account, in the column of its type (so filters compare typed values). */
@Entity('account_characteristics')
@Index('account_characteristics_workspace_definition_idx', ['workspaceId', 'definitionId'])
export class AccountCharacteristic {
  @PrimaryColumn({ type: 'uuid' })
  accountId: string;

  @PrimaryColumn({ type: 'uuid' })
  definitionId: string;

  @Column({ type: 'uuid' })
  workspaceId: string;

  @Column({ type: 'text', nullable: true })
  textValue: string | null;

  @Column({ type: 'numeric', nullable: true })
  numberValue: string | null;

  @Column({ type: 'date', nullable: true })
  dateValue: string | null;

  @Column({ type: 'boolean', nullable: true })
  booleanValue: boolean | null;

  @UpdateDateColumn({ type: 'timestamptz', precision: 3 })
  updatedAt: Date;

  @ManyToOne(() => Account, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'account_id' })
  account?: Account;

  @ManyToOne(() => CharacteristicDefinition, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'definition_id' })
  definition?: CharacteristicDefinition;
}
