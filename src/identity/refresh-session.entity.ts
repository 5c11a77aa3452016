import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Membership } from './membership.entity';

/**
 * One refresh token. Each refresh rotates it: the used row is marked and a new one joins the same family.
 * Presenting a used token again revokes the whole family (a stolen token is then useless to both parties).
 */
@Entity('refresh_sessions')
@Index('refresh_sessions_token_hash_key', ['tokenHash'], { unique: true })
@Index('refresh_sessions_workspace_membership_idx', ['workspaceId', 'membershipId'])
@Index('refresh_sessions_family_idx', ['familyId'])
export class RefreshSession {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  workspaceId: string;

  @Column({ type: 'uuid' })
  membershipId: string;

  @ManyToOne(() => Membership, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'membership_id' })
  membership?: Membership;

  @Column({ type: 'uuid' })
  familyId: string;

  @Column({ type: 'text' })
  tokenHash: string;

  @Column({ type: 'timestamptz' })
  expiresAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  usedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  revokedAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
