import { Arg, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Guard } from '../platform/auth/guard';
import { principalOf, type RequestContext } from '../platform/context/context';
import { NotFoundError } from '../platform/errors/errors';
import { InviteMemberInput, InviteMemberPayload, PrincipalKind, RemoveMemberInput, SetMemberTimeZoneInput, UpdateMemberInput, Viewer } from './identity.types';
import { MEMBER_DETAILS_GUARD, MEMBER_DETAILS_NOTE, Membership } from './membership.entity';
import { MembershipStatus, Role } from './roles';
import { Team } from './team.entity';
import type { UserProfile } from './members.service';

@Resolver(() => Membership)
export class MembersResolver {
  @Guard({ scope: 'identity:read' })
  @Query(() => Viewer, { description: 'The caller: a member or an API key, and its workspace. Any member, or an API key with identity:read (else FORBIDDEN).' })
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
  @Query(() => [Membership], {
    description: 'Active and invited members of the workspace, oldest first. Any member, or an API key with identity:read (else FORBIDDEN).',
  })
  members(@Ctx() context: RequestContext): Promise<Membership[]> {
    return context.services.members.list(principalOf(context));
  }

  @Guard({ scope: 'identity:read' })
  @Query(() => Membership, {
    description:
      'A member of the workspace (removed ones included). Any member, or an API key with identity:read (else FORBIDDEN). ' +
      'Errors: NOT_FOUND when not a member of the caller\'s workspace.',
  })
  member(@Arg('id', () => ID, { description: 'The member\'s id.' }) id: string, @Ctx() context: RequestContext): Promise<Membership> {
    return context.services.members.get(principalOf(context), id);
  }

  @Guard({ scope: 'identity:write', role: Role.ADMIN })
  @Mutation(() => InviteMemberPayload, {
    description:
      'Requires ADMIN or above, or an API key with identity:write (else FORBIDDEN). Invites a person by email; the answer ' +
      'is the same whether or not the email has an account. Errors: BAD_USER_INPUT (invalid fields, unknown team); ' +
      'FORBIDDEN (ROLE_REQUIRED) to grant a role above the caller\'s, (MEMBERS_ONLY) for an API key granting OWNER; ' +
      'CONFLICT (ALREADY_MEMBER) when the person is an active or invited member.',
  })
  async inviteMember(@Arg('input', { description: 'Who to invite, with which role, scope and teams.' }) input: InviteMemberInput, @Ctx() context: RequestContext): Promise<InviteMemberPayload> {
    const invitation = await context.services.members.invite(principalOf(context), input);
    return { member: invitation.membership, invitationToken: invitation.invitationToken };
  }

  @Guard({ scope: 'identity:write', role: Role.ADMIN })
  @Mutation(() => Membership, {
    description:
      'Requires ADMIN or above, or an API key with identity:write (else FORBIDDEN). Changes role, access scope or teams; ' +
      'takes effect at once, on open subscriptions too. Only an OWNER may change an OWNER. Errors: NOT_FOUND (not a ' +
      'member, or removed); BAD_USER_INPUT (invalid fields, unknown team); FORBIDDEN (ROLE_REQUIRED, MEMBERS_ONLY) as ' +
      'in inviteMember; CONFLICT (VERSION_MISMATCH; LAST_OWNER when demoting the last OWNER).',
  })
  updateMember(@Arg('input', { description: 'The member and the changes.' }) input: UpdateMemberInput, @Ctx() context: RequestContext): Promise<Membership> {
    return context.services.members.update(principalOf(context), input);
  }

  @Guard({ scope: 'identity:write', role: Role.MEMBER })
  @Mutation(() => Membership, {
    description:
      'Requires MEMBER or above for yourself, ADMIN or above for someone else; an API key needs identity:write (else FORBIDDEN). ' +
      'Sets the member\'s own time zone ("today", DUE_TODAY and agenda days; null: the workspace\'s), recorded in identityHistory. ' +
      'Errors: NOT_FOUND (not a member, or removed); BAD_USER_INPUT (unknown time zone; an API key without memberId); FORBIDDEN (ROLE_REQUIRED).',
  })
  setMemberTimeZone(@Arg('input', { description: 'The member and the time zone.' }) input: SetMemberTimeZoneInput, @Ctx() context: RequestContext): Promise<Membership> {
    return context.services.members.setTimeZone(principalOf(context), input);
  }

  @Guard({ scope: 'identity:write', role: Role.MEMBER })
  @Mutation(() => Membership, {
    description:
      'Requires MEMBER or above to leave (yourself), ADMIN or above to remove someone else; an API key needs ' +
      'identity:write (else FORBIDDEN). The member loses access at once (sessions revoked, sockets closed). Errors: ' +
      'NOT_FOUND (not a member, or already removed); FORBIDDEN (ROLE_REQUIRED; only an OWNER removes an OWNER); ' +
      'CONFLICT (LAST_OWNER: the last OWNER cannot leave).',
  })
  removeMember(@Arg('input', { description: 'The member to remove.' }) input: RemoveMemberInput, @Ctx() context: RequestContext): Promise<Membership> {
    return context.services.members.remove(principalOf(context), input.memberId);
  }

  @Guard(MEMBER_DETAILS_GUARD)
  @FieldResolver(() => String, { nullable: true, description: `The member's login email, lower case. ${MEMBER_DETAILS_NOTE}` })
  email(@Root() membership: Membership, @Ctx() context: RequestContext): string | Promise<string> {
    const user = context.loaders.identity.loadedUser(membership.userId);
    return user ? user.email : userOf(membership, context).then((found) => found.email);
  }

  @FieldResolver(() => String, { description: 'Display name; while INVITED, the name the inviter gave.' })
  name(@Root() membership: Membership, @Ctx() context: RequestContext): string | Promise<string> {
    // An invitation shows the name the inviter gave, not the invitee's account (which would reveal it exists).
    if (membership.status === MembershipStatus.INVITED && membership.invitedName) return membership.invitedName;
    // Synchronous when the membership loader already read the profile (nearly always): no promise per row.
    const user = context.loaders.identity.loadedUser(membership.userId);
    return user ? user.name : userOf(membership, context).then((found) => found.name);
  }

  @Guard(MEMBER_DETAILS_GUARD)
  @FieldResolver(() => [Team], { nullable: true, description: `The teams the member is in. ${MEMBER_DETAILS_NOTE}` })
  teams(@Root() membership: Membership, @Ctx() context: RequestContext): Promise<Team[]> {
    return context.loaders.identity.teamsOfMembership.load(membership.id);
  }
}

async function userOf(membership: Membership, context: RequestContext): Promise<UserProfile> {
  const user = await context.loaders.identity.user.load(membership.userId);
  if (!user) throw new NotFoundError('User');
  return user;
}
