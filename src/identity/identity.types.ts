import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { ApiKey } from './api-key.entity';
import { Membership } from './membership.entity';
import { AccessScope, Role } from './roles';
import { Workspace } from './workspace.entity';

@InputType()
export class SignUpInput {
  @Field() workspaceName: string;
  @Field() name: string;
  @Field({
    description:
      'The OWNER\'s email. An email that already has an account gets the new workspace too when `password` is that ' +
      'account\'s password; otherwise the answer is logIn\'s (UNAUTHENTICATED "Invalid email or password"), never ' +
      'whether the email exists.',
  })
  email: string;
  @Field({ description: 'At least 10 characters; for an existing account, its current password.' }) password: string;
  @Field(() => String, { nullable: true, description: 'IANA time zone of the workspace; UTC when omitted.' })
  timeZone?: string | null;
}

@InputType()
export class LogInInput {
  @Field() email: string;
  @Field() password: string;
  @Field(() => ID, { nullable: true, description: 'Which workspace to enter when the user belongs to several.' })
  workspaceId?: string | null;
}

@InputType()
export class RefreshSessionInput {
  @Field() refreshToken: string;
}

@InputType()
export class AcceptInvitationInput {
  @Field() token: string;
  @Field({
    description:
      'A new password (at least 10 characters) for a person without an account; the current password for one who ' +
      'already has an account (wrong: UNAUTHENTICATED, as in logIn).',
  })
  password: string;
  @Field(() => String, { nullable: true, description: 'The new account\'s name; ignored for an existing account.' })
  name?: string | null;
}

@InputType()
export class InviteMemberInput {
  @Field() email: string;
  @Field(() => String, { nullable: true }) name?: string | null;
  @Field(() => Role) role: Role;
  @Field(() => AccessScope) accessScope: AccessScope;
  @Field(() => [ID], { nullable: true }) teamIds?: string[] | null;
}

@InputType()
export class UpdateMemberInput {
  @Field(() => ID) memberId: string;
  @Field(() => Role, { nullable: true }) role?: Role | null;
  @Field(() => AccessScope, { nullable: true }) accessScope?: AccessScope | null;
  @Field(() => [ID], { nullable: true, description: 'Replaces the member\'s teams.' }) teamIds?: string[] | null;
  @Field(() => Int, { nullable: true }) expectedVersion?: number | null;
}

@InputType()
export class RemoveMemberInput {
  @Field(() => ID) memberId: string;
}

@InputType()
export class CreateTeamInput {
  @Field() name: string;
  @Field(() => [ID], { nullable: true }) memberIds?: string[] | null;
}

@InputType()
export class CreateApiKeyInput {
  @Field() name: string;
  @Field(() => [String], { description: 'e.g. ["accounts:read", "leads:write"]; write implies read.' })
  scopes: string[];
  @Field(() => Date, { nullable: true }) expiresAt?: Date | null;
}

@InputType()
export class RevokeApiKeyInput {
  @Field(() => ID) id: string;
}

@ObjectType()
export class AuthPayload {
  @Field() accessToken: string;
  @Field() accessTokenExpiresAt: Date;
  @Field({ description: 'Single use: refreshSession returns a new one.' }) refreshToken: string;
  @Field() refreshTokenExpiresAt: Date;
  @Field(() => Membership) member: Membership;
  @Field(() => Workspace) workspace: Workspace;
}

@ObjectType()
export class InviteMemberPayload {
  @Field(() => Membership) member: Membership;
  @Field(() => String, {
    description:
      'One-time token to pass to acceptInvitation, given for every invitation: the answer does not tell whether the ' +
      'email already has an account.',
  })
  invitationToken: string;
}

@ObjectType()
export class CreateApiKeyPayload {
  @Field(() => ApiKey) apiKey: ApiKey;
  @Field({ description: 'The key itself. Shown only here: store it now.' }) secret: string;
}

export enum PrincipalKind {
  MEMBER = 'MEMBER',
  API_KEY = 'API_KEY',
}
registerEnumType(PrincipalKind, { name: 'PrincipalKind' });

@ObjectType({ description: 'Who is calling: a member (access token) or an API key.' })
export class Viewer {
  @Field(() => PrincipalKind) kind: PrincipalKind;
  @Field(() => Workspace) workspace: Workspace;
  @Field(() => Membership, { nullable: true }) member: Membership | null;
  @Field(() => ApiKey, { nullable: true }) apiKey: ApiKey | null;
}
