import { Field, ID, Int, ObjectType } from 'type-graphql';
import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  VersionColumn,
} from 'typeorm';
import { AccessScope, MembershipStatus, Role } from './roles';
import { User } from './user.entity';
import { Workspace } from './workspace.entity';

@ObjectType('Member', { description: 'A user in a workspace, with a role and an access scope.' })
@Entity('memberships')
@Index('memberships_workspace_user_key', ['workspaceId', 'userId'], { unique: true })
@Index('memberships_user_idx', ['userId'])
export class Membership {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  workspaceId: string;

  @ManyToOne(() => Workspace, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'workspace_id' })
  workspace?: Workspace;

  @Column({ type: 'uuid' })
  userId: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: User;

  @Field(() => Role)
  @Column({ type: 'varchar', length: 16 })
  role: Role;

  @Field(() => AccessScope)
  @Column({ type: 'varchar', length: 8 })
  accessScope: AccessScope;

  @Field(() => MembershipStatus)
  @Column({ type: 'varchar', length: 16, default: MembershipStatus.ACTIVE })
  status: MembershipStatus;

  /** sha-256 of the one-time invitation token, while the invitation is pending. */
  @Column({ type: 'text', nullable: true })
  invitationTokenHash: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  invitationExpiresAt: Date | null;

  @Field(() => Int)
  @VersionColumn()
  version: number;

  @Field()
  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Field()
  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
