import { declareRecordType } from '../platform/records/record-types';
import { Field, ID, ObjectType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import { Membership } from './membership.entity';
import { Workspace } from './workspace.entity';

@ObjectType({ description: 'A group of members; TEAM scope sees accounts owned by anyone in the same teams.' })
@Entity('teams')
@Index('teams_workspace_name_key', ['workspaceId', 'name'], { unique: true })
export class Team {
  @Field(() => ID, { description: 'The team\'s id.' })
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  workspaceId: string;

  @ManyToOne(() => Workspace, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'workspace_id' })
  workspace?: Workspace;

  @Field({ description: 'Unique in the workspace.' })
  @Column({ type: 'text' })
  name: string;

  @Field({ description: 'When the team was created (UTC).' })
  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}

@Entity('team_members')
@Index('team_members_workspace_membership_idx', ['workspaceId', 'membershipId'])
export class TeamMember {
  @PrimaryColumn({ type: 'uuid' })
  teamId: string;

  @PrimaryColumn({ type: 'uuid' })
  membershipId: string;

  @Column({ type: 'uuid' })
  workspaceId: string;

  @ManyToOne(() => Team, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'team_id' })
  team?: Team;

  @ManyToOne(() => Membership, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'membership_id' })
  membership?: Membership;
}

declare module '../platform/records/record-types' {
  interface RecordTypes {
    /** A team: identity history. */
    TEAM: 'TEAM';
  }
}
declareRecordType('TEAM', 'A team of members (identity history).');
