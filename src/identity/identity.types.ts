import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { ApiKey } from './api-key.entity';
import { Membership } from './membership.entity';
import { AccessScope, Role } from './roles';
import { Workspace } from './workspace.entity';

@InputType({ description: 'A new workspace and its OWNER.' })
export class SignUpInput {
  @Field({ description: 'The new workspace\'s name; 1 to 200 characters.' }) workspaceName: string;
  @Field({ description: 'The OWNER\'s display name, 1 to 200 characters (an existing account keeps its own).' }) name: string;
  @Field({
    description:
      'The OWNER\'s email. An email that already has an account gets the new workspace too when `password` is that ' +
      'account\'s password; otherwise the answer is logIn\'s (UNAUTHENTICATED "Invalid email or password"), never ' +
      'whether the email exists.',
  })
  email: string;
  @Field({ description: '10 to 200 characters; for an existing account, its current password.' }) password: string;
  @Field(() => String, { nullable: true, description: 'IANA time zone of the workspace; UTC when omitted.' })
  timeZone?: string | null;
}

@InputType({ description: 'Credentials of a member.' })
export class LogInInput {
  @Field({ description: 'The account\'s email, any case.' }) email: string;
  @Field({ description: 'The account\'s password.' }) password: string;
  @Field(() => ID, { nullable: true, description: 'Which workspace to enter when the user belongs to several; default: the oldest active membership.' })
  workspaceId?: string | null;
}

@InputType({ description: 'A refresh token, as returned by logIn, signUp, acceptInvitation or refreshSession.' })
export class RefreshSessionInput {
  @Field({ description: 'The opaque refresh token.' }) refreshToken: string;
}

@InputType({ description: 'An invitation to accept, and the password that goes with it.' })
export class AcceptInvitationInput {
  @Field({ description: 'The invitationToken of inviteMember; valid for 7 days, once.' }) token: string;
  @Field({
    description:
      'A new password (10 to 200 characters) for a person without an account; the current password for one who ' +
      'already has an account (wrong: UNAUTHENTICATED, as in logIn).',
  })
  password: string;
  @Field(() => String, { nullable: true, description: 'The new account\'s name (default: the name the inviter gave); ignored for an existing account.' })
  name?: string | null;
}

@InputType({ description: 'A person to invite into the workspace.' })
export class InviteMemberInput {
  @Field({ description: 'The person\'s email (stored lower case).' }) email: string;
  @Field(() => String, { nullable: true, description: 'Shown as the member\'s name until accepted; default: the part of the email before @.' })
  name?: string | null;
  @Field(() => Role, { description: 'The role to grant: at most the inviter\'s own; OWNER only by an OWNER.' }) role: Role;
  @Field(() => AccessScope, { description: 'Which accounts the member will see.' }) accessScope: AccessScope;
  @Field(() => [ID], { nullable: true, description: 'Teams of the workspace to put the member in (at most 100); default: none.' })
  teamIds?: string[] | null;
}

@InputType({ description: 'Changes to a member; fields left out (or null) are kept.' })
export class UpdateMemberInput {
  @Field(() => ID, { description: 'The member to change.' }) memberId: string;
  @Field(() => Role, { nullable: true, description: 'A new role: at most the caller\'s own; OWNER only by an OWNER.' }) role?: Role | null;
  @Field(() => AccessScope, { nullable: true, description: 'A new access scope.' }) accessScope?: AccessScope | null;
  @Field(() => [ID], { nullable: true, description: 'Replaces the member\'s teams (at most 100; [] removes every team).' }) teamIds?: string[] | null;
  @Field(() => Int, { nullable: true, description: 'Fails with CONFLICT (VERSION_MISMATCH) when the member changed since this version.' })
  expectedVersion?: number | null;
}

@InputType({ description: 'A member\'s own time zone.' })
export class SetMemberTimeZoneInput {
  @Field(() => ID, { nullable: true, description: 'The member; default: the caller (required for an API key). Another member needs ADMIN or above.' })
  memberId?: string | null;
  @Field(() => String, { nullable: true, description: 'An IANA time zone, e.g. America/Bogota; null: use the workspace\'s.' }) timeZone?: string | null;
}

@InputType({ description: 'A member to remove (yourself, to leave).' })
export class RemoveMemberInput {
  @Field(() => ID, { description: 'The member to remove.' }) memberId: string;
}

@InputType({ description: 'A new team.' })
export class CreateTeamInput {
  @Field({ description: 'Unique in the workspace; 1 to 200 characters.' }) name: string;
  @Field(() => [ID], { nullable: true, description: 'Members of the workspace to put in the team (at most 1,000); default: none.' })
  memberIds?: string[] | null;
}

@InputType({ description: 'A new API key.' })
export class CreateApiKeyInput {
  @Field({ description: 'What the key is for, e.g. "ERP sync"; 1 to 200 characters.' }) name: string;
  @Field(() => [String], {
    description:
      '<domain>:read or <domain>:write (write implies read), 1 to 50, e.g. ["accounts:read", "leads:write"]; domains: ' +
      'identity, accounts, leads, catalog, deals, followups, receivables, reports, integrations.',
  })
  scopes: string[];
  @Field(() => Date, { nullable: true, description: 'When the key stops working (in the future); default: never.' }) expiresAt?: Date | null;
}

@InputType({ description: 'An API key to revoke.' })
export class RevokeApiKeyInput {
  @Field(() => ID, { description: 'The API key\'s id.' }) id: string;
}

@ObjectType({ description: 'A new session: the tokens to call the API with, and who they are for.' })
export class AuthPayload {
  @Field({ description: 'A signed JWT; send it as `Authorization: Bearer <token>` until accessTokenExpiresAt.' }) accessToken: string;
  @Field({ description: 'When the access token expires (UTC; ACCESS_TOKEN_TTL_SECONDS, 15 minutes by default).' }) accessTokenExpiresAt: Date;
  @Field({ description: 'Opaque; single use: refreshSession exchanges it for new tokens (used twice: the session is revoked).' })
  refreshToken: string;
  @Field({ description: 'When the refresh token expires (UTC; REFRESH_TOKEN_TTL_SECONDS, 30 days by default).' }) refreshTokenExpiresAt: Date;
  @Field(() => Membership, { description: 'The member logged in.' }) member: Membership;
  @Field(() => Workspace, { description: 'The workspace the session is for.' }) workspace: Workspace;
}

@ObjectType({ description: 'The invitation made.' })
export class InviteMemberPayload {
  @Field(() => Membership, { description: 'The member, INVITED, shown with the name the inviter gave.' }) member: Membership;
  @Field(() => String, {
    description:
      'One-time token to pass to acceptInvitation (valid 7 days), given for every invitation: the answer does not tell ' +
      'whether the email already has an account.',
  })
  invitationToken: string;
}

@ObjectType({ description: 'A new API key and its secret.' })
export class CreateApiKeyPayload {
  @Field(() => ApiKey, { description: 'The key as listed by apiKeys.' }) apiKey: ApiKey;
  @Field({ description: 'The key itself (vk_…), to send as `Authorization: Bearer <secret>`. Shown only here: store it now.' }) secret: string;
}

export enum PrincipalKind {
  MEMBER = 'MEMBER',
  API_KEY = 'API_KEY',
}
registerEnumType(PrincipalKind, {
  name: 'PrincipalKind',
  description: 'How the caller authenticated.',
  valuesConfig: {
    MEMBER: { description: 'A member, with an access token from logIn.' },
    API_KEY: { description: 'An integration, with an API key.' },
  },
});

@ObjectType({ description: 'Who is calling: a member (access token) or an API key.' })
export class Viewer {
  @Field(() => PrincipalKind, { description: 'Member or API key.' }) kind: PrincipalKind;
  @Field(() => Workspace, { description: 'The workspace the caller acts in.' }) workspace: Workspace;
  @Field(() => Membership, { nullable: true, description: 'The member, when kind is MEMBER; else null.' }) member: Membership | null;
  @Field(() => ApiKey, { nullable: true, description: 'The API key, when kind is API_KEY; else null.' }) apiKey: ApiKey | null;
}
