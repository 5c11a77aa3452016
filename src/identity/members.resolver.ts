import { Arg, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Guard } from '../platform/auth/guard';
import { principalOf, type RequestContext } from '../platform/context/context';
import { NotFoundError } from '../platform/errors/errors';
import { InviteMemberInput, InviteMemberPayload, PrincipalKind, RemoveMemberInput, UpdateMemberInput, Viewer } from './identity.types';
import { MEMBER_DETAILS_GUARD, MEMBER_DETAILS_NOTE, Membership } from './membership.entity';
import { MembershipStatus, Role } from './roles';
import { Team } from './team.entity';

@Resolver(() => Membership)
export class MembersResolver {
  @Guard({ scope: 'identity:read' })
  @Query(() => Viewer, { description: 'The caller: a member or an API key, and its workspace.' })
  async me(@Ctx() context: RequestContext): Promise<Viewer> {
    const principal = principalOf(context);
    const { workspaces, members } = context.services;
    const workspace = await workspaces.current(principal);
    if (principal.kind === 'member') {
      return { kind: PrincipalKind.MEMBER, workspace, member: await members.get(principal, principal.membershipId), apiKey: null };
    }
    return { kind: PrincipalKind.API_KEY, workspace, member: null, apiKey: await workspaces.apiKeyOf(principal) };
  }

  @Guard({ scope: 'identity:read' })
  @Query(() => [Membership], { description: 'Active and invited members of the workspace.' })
  members(@Ctx() context: RequestContext): Promise<Membership[]> {
    return context.services.members.list(principalOf(context));
  }

  @Guard({ scope: 'identity:read' })
  @Query(() => Membership)
  member(@Arg('id', () => ID) id: string, @Ctx() context: RequestContext): Promise<Membership> {
    return context.services.members.get(principalOf(context), id);
  }

  @Guard({ scope: 'identity:write', role: Role.ADMIN })
  @Mutation(() => InviteMemberPayload, { description: 'Requires ADMIN or above.' })
  async inviteMember(@Arg('input') input: InviteMemberInput, @Ctx() context: RequestContext): Promise<InviteMemberPayload> {
    const invitation = await context.services.members.invite(principalOf(context), input);
    return { member: invitation.membership, invitationToken: invitation.invitationToken };
  }

  @Guard({ scope: 'identity:write', role: Role.ADMIN })
  @Mutation(() => Membership, { description: 'Requires ADMIN or above. Changes role, access scope or teams. Only an OWNER may change an OWNER.' })
  updateMember(@Arg('input') input: UpdateMemberInput, @Ctx() context: RequestContext): Promise<Membership> {
    return context.services.members.update(principalOf(context), input);
  }

  @Guard({ scope: 'identity:write', role: Role.MEMBER })
  @Mutation(() => Membership, { description: 'Requires MEMBER or above to leave (yourself), ADMIN or above to remove someone else. The last OWNER cannot leave.' })
  removeMember(@Arg('input') input: RemoveMemberInput, @Ctx() context: RequestContext): Promise<Membership> {
    return context.services.members.remove(principalOf(context), input.memberId);
  }

  @Guard(MEMBER_DETAILS_GUARD)
  @FieldResolver(() => String, { nullable: true, description: MEMBER_DETAILS_NOTE })
  async email(@Root() membership: Membership, @Ctx() context: RequestContext): Promise<string> {
    const user = await context.loaders.identity.user.load(membership.userId);
    if (!user) throw new NotFoundError('User');
    return user.email;
  }

  @FieldResolver(() => String)
  async name(@Root() membership: Membership, @Ctx() context: RequestContext): Promise<string> {
    // An invitation shows the name the inviter gave, not the invitee's account (which would reveal it exists).
    if (membership.status === MembershipStatus.INVITED && membership.invitedName) return membership.invitedName;
    const user = await context.loaders.identity.user.load(membership.userId);
    if (!user) throw new NotFoundError('User');
    return user.name;
  }

  @Guard(MEMBER_DETAILS_GUARD)
  @FieldResolver(() => [Team], { nullable: true, description: MEMBER_DETAILS_NOTE })
  teams(@Root() membership: Membership, @Ctx() context: RequestContext): Promise<Team[]> {
    return context.loaders.identity.teamsOfMembership.load(membership.id);
  }
}
