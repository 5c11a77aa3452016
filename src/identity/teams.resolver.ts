import { Arg, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Guard } from '../platform/auth/guard';
import { principalOf, type RequestContext } from '../platform/context/context';
import { CreateTeamInput } from './identity.types';
import { Membership } from './membership.entity';
import { Role } from './roles';
import { Team } from './team.entity';

@Resolver(() => Team)
export class TeamsResolver {
  @Guard({ scope: 'identity:read' })
  @Query(() => [Team], { description: 'Teams of the workspace, by name. Any member, or an API key with identity:read (else FORBIDDEN).' })
  teams(@Ctx() context: RequestContext): Promise<Team[]> {
    return context.services.teams.list(principalOf(context));
  }

  @Guard({ scope: 'identity:write', role: Role.ADMIN })
  @Mutation(() => Team, {
    description:
      'Requires ADMIN or above, or an API key with identity:write (else FORBIDDEN). Creates a team, optionally with ' +
      'members. Errors: BAD_USER_INPUT (invalid fields; input.memberIds with a non-member); CONFLICT (NAME_TAKEN).',
  })
  createTeam(@Arg('input', { description: 'The team\'s name and members.' }) input: CreateTeamInput, @Ctx() context: RequestContext): Promise<Team> {
    return context.services.teams.create(principalOf(context), input);
  }

  @FieldResolver(() => [Membership], { description: 'The members in the team.' })
  members(@Root() team: Team, @Ctx() context: RequestContext): Promise<Membership[]> {
    return context.loaders.identity.membersOfTeam.load(team.id);
  }
}
