import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import type { RequestContext } from '../platform/context/context';
import { Public } from '../platform/auth/guard';
import { NotFoundError } from '../platform/errors/errors';
import { memberPrincipal, type SessionTokens } from './auth.service';
import { AcceptInvitationInput, AuthPayload, LogInInput, RefreshSessionInput, SignUpInput } from './identity.types';

/** The rest of the response (member fields...) is served as the member who just logged in. */
async function toPayload(context: RequestContext, session: SessionTokens): Promise<AuthPayload> {
  context.auth.principal = memberPrincipal(session.membership);
  const workspace = await context.loaders.identity.workspace.load(session.membership.workspaceId);
  if (!workspace) throw new NotFoundError('Workspace');
  return { ...session, member: session.membership, workspace };
}

@Resolver()
export class AuthResolver {
  @Public()
  @Mutation(() => AuthPayload, {
    description:
      'Public (no credentials). Creates a workspace and its OWNER, and logs them in. With an email that already has an ' +
      'account, the right password gives that account the new workspace; a wrong one answers as logIn does. Throttled ' +
      'like logIn. Errors: BAD_USER_INPUT (invalid fields); UNAUTHENTICATED ("Invalid email or password"); RATE_LIMITED ' +
      '(retryAfterSeconds); FORBIDDEN (SIGNUP_DISABLED) when SIGNUP_ENABLED=false.',
  })
  async signUp(@Arg('input', { description: 'The workspace and its OWNER.' }) input: SignUpInput, @Ctx() context: RequestContext): Promise<AuthPayload> {
    const session = await context.services.auth.signUp(input);
    return toPayload(context, session);
  }

  @Public()
  @Mutation(() => AuthPayload, {
    description:
      'Public (no credentials). Logs a member in with email and password. Errors: BAD_USER_INPUT (invalid fields); ' +
      'UNAUTHENTICATED ("Invalid email or password", also with no active membership); RATE_LIMITED (retryAfterSeconds) ' +
      'after LOGIN_MAX_FAILURES failures within 15 minutes, for LOGIN_LOCK_SECONDS.',
  })
  async logIn(@Arg('input', { description: 'Email, password and optionally the workspace.' }) input: LogInInput, @Ctx() context: RequestContext): Promise<AuthPayload> {
    const session = await context.services.auth.logIn(input);
    return toPayload(context, session);
  }

  @Public()
  @Mutation(() => AuthPayload, {
    description:
      'Public (no credentials). Exchanges a refresh token (single use) for new tokens. Errors: UNAUTHENTICATED for an ' +
      'unknown, expired or revoked token, or a removed member; a token used twice revokes its whole session.',
  })
  async refreshSession(@Arg('input', { description: 'The refresh token to exchange.' }) input: RefreshSessionInput, @Ctx() context: RequestContext): Promise<AuthPayload> {
    const session = await context.services.auth.refreshSession(input.refreshToken);
    return toPayload(context, session);
  }

  @Public()
  @Mutation(() => Boolean, {
    description:
      'Public (no credentials). Revokes the session of this refresh token (every token descended from the same log-in); ' +
      'false when the token is unknown.',
  })
  logOut(@Arg('input', { description: 'A refresh token of the session.' }) input: RefreshSessionInput, @Ctx() context: RequestContext): Promise<boolean> {
    return context.services.auth.logOut(input.refreshToken);
  }

  @Public()
  @Mutation(() => AuthPayload, {
    description:
      'Public (no credentials). Accepts an invitation and logs the member in: a person without an account sets its ' +
      'password, one with an account gives its password. Errors: BAD_USER_INPUT (invalid fields); UNAUTHENTICATED ' +
      '(invalid or expired invitation, wrong password); RATE_LIMITED (retryAfterSeconds) as in logIn.',
  })
  async acceptInvitation(@Arg('input', { description: 'The invitation token and the password.' }) input: AcceptInvitationInput, @Ctx() context: RequestContext): Promise<AuthPayload> {
    const session = await context.services.auth.acceptInvitation(input);
    return toPayload(context, session);
  }
}
