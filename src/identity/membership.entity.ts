import { declareRecordType } from '../platform/records/record-types';
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
import { Guard, type GuardRule } from '../platform/auth/guard';
import { AccessScope, MembershipStatus, Role } from './roles';
import { User } from './user.entity';
import { Workspace } from './workspace.entity';

/**
 * What of a member an API key may read without `identity:read` (e.g. an `accounts:read` key reaching a member
 * through `Account.primaryOwner`): id, name and status, enough to show who owns what. Email, role, access scope
 * and teams need `identity:read`. Members are not limited by scopes. The guarded fields are nullable so that a
 * refusal nulls only that field (with a FORBIDDEN error at its path), never the parent object.
 */
export const MEMBER_DETAILS_GUARD: GuardRule = { scope: 'identity:read' };
export const MEMBER_DETAILS_NOTE = 'Null (with a FORBIDDEN error) for an API key without identity:read.';

@ObjectType('Member', {
  description:
    'A user in a workspace, with a role and an access scope. Any caller that reaches a member sees its id, name and ' +
    'status; email, role, accessScope and teams need identity:read for API keys.',
})
@Entity('memberships')
@Index('memberships_workspace_user_key', ['workspaceId', 'userId'], { unique: true })
@Index('memberships_user_idx', ['userId'])
export class Membership {
  @Field(() => ID, { description: 'The member\'s id (of this membership: the same person has another id in another workspace).' })
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

  @Guard(MEMBER_DETAILS_GUARD)
  @Field(() => Role, { nullable: true, description: `The member's role in the workspace. ${MEMBER_DETAILS_NOTE}` })
  @Column({ type: 'varchar', length: 16 })
  role: Role;

  @Guard(MEMBER_DETAILS_GUARD)
  @Field(() => AccessScope, { nullable: true, description: `Which accounts the member sees. ${MEMBER_DETAILS_NOTE}` })
  @Column({ type: 'varchar', length: 8 })
  accessScope: AccessScope;

  @Field(() => MembershipStatus, { description: 'Invited, active or removed.' })
  @Column({ type: 'varchar', length: 16, default: MembershipStatus.ACTIVE })
  status: MembershipStatus;

  @Field(() => String, {
    nullable: true,
    description: 'The member\'s own IANA time zone (e.g. America/Bogota): their "today", DUE_TODAY counters and agenda days; null: the workspace\'s.',
  })
  @Column({ type: 'text', nullable: true })
  timeZone: string | null;

  /** sha-256 of the one-time invitation token, while the invitation is pending. */
  @Column({ type: 'text', nullable: true })
  invitationTokenHash: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  invitationExpiresAt: Date | null;

  /**
   * The name the inviter gave, shown as the member's name until the invitation is accepted: showing the user's own
   * name would tell the inviter that the email already had an account (and whose it is).
   */
  @Column({ type: 'text', nullable: true })
  invitedName: string | null;

  @Field(() => Int, { description: 'Increases on every change; pass it as expectedVersion to updateMember to detect stale updates.' })
  @VersionColumn()
  version: number;

  @Field({ description: 'When the member was first invited or joined (UTC).' })
  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Field({ description: 'When the membership last changed (UTC).' })
  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}

declare module '../platform/records/record-types' {
  interface RecordTypes {
    /** A membership (invited, role, scope or teams changed, removed): identity history. */
    MEMBER: 'MEMBER';
  }
}
declareRecordType('MEMBER', 'A member of the workspace (identity history).');
