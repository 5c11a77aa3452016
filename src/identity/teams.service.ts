import { In, type DataSource } from 'typeorm';
import type { Principal } from '../platform/auth/principal';
import { BadUserInputError, ConflictError } from '../platform/errors/errors';
import { ErrorReason } from '../platform/errors/error-reason';
import { RecordType } from '../platform/timeline/timeline-entry.entity';
import type { TimelineService } from '../platform/timeline/timeline.service';
import { parseInput } from '../platform/validation/parse-input';
import { createTeamSchema } from './identity.schemas';
import { Membership } from './membership.entity';
import { Team, TeamMember } from './team.entity';

export class TeamsService {
  constructor(
    private readonly db: DataSource,
    /** Audits team changes (identityHistory) in their transaction. */
    private readonly timeline: TimelineService,
  ) {}

  list(principal: Principal): Promise<Team[]> {
    return this.db.getRepository(Team).find({ where: { workspaceId: principal.workspaceId }, order: { name: 'ASC' } });
  }

  async create(principal: Principal, input: unknown): Promise<Team> {
    const data = parseInput(createTeamSchema, input);
    return this.db.transaction(async (manager) => {
      const clash = await manager.findOne(Team, { where: { workspaceId: principal.workspaceId, name: data.name } });
      if (clash) throw new ConflictError('A team with this name already exists', { reason: ErrorReason.NAME_TAKEN });
      const team = await manager.save(manager.create(Team, { workspaceId: principal.workspaceId, name: data.name }));
      const memberIds = [...new Set(data.memberIds ?? [])];
      if (memberIds.length) {
        const members = await manager.find(Membership, { where: { workspaceId: principal.workspaceId, id: In(memberIds) } });
        if (members.length !== memberIds.length) {
          throw BadUserInputError.field('input.memberIds', 'contains a member that does not exist');
        }
        await manager.insert(
          TeamMember,
          memberIds.map((membershipId) => ({ teamId: team.id, membershipId, workspaceId: principal.workspaceId })),
        );
      }
      await this.timeline.record(manager, principal, [
        { kind: 'TEAM_CREATED', recordType: RecordType.TEAM, recordId: team.id, accountId: null, data: { name: team.name, memberIds } },
      ]);
      return team;
    });
  }
}
