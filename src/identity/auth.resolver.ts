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
      'Creates a workspace and its OWNER, and logs them in. With an email that already has an account, the right ' +
      'password gives that account the new workspace; a wrong one answers as logIn does. Throttled like logIn.',
  })
  async signUp(@Arg('input') input: SignUpInput, @Ctx() context: RequestContext): Promise<AuthPayload> {
    const session = await context.services.auth.signUp(input);
    return toPayload(context, session);
  }

  @Public()
  @Mutation(() => AuthPayload)
  async logIn(@Arg('input') input: LogInInput, @Ctx() context: RequestContext): Promise<AuthPayload> {
    const session = await context.services.auth.logIn(input);
    return toPayload(context, session);
  }

  @Public()
  @Mutation(() => AuthPayload, { description: 'Exchanges a refresh token (single use) for new tokens.' })
  async refreshSession(@Arg('input') input: RefreshSessionInput, @Ctx() context: RequestContext): Promise<AuthPayload> {
    const session = await context.services.auth.refreshSession(input.refreshToken);
    return toPayload(context, session);
  }

  @Public()
  @Mutation(() => Boolean, { description: 'Revokes the session of this refresh token.' })
  logOut(@Arg('input') input: RefreshSessionInput, @Ctx() context: RequestContext): Promise<boolean> {
    return context.services.auth.logOut(input.refreshToken);
  }

  @Public()
  @Mutation(() => AuthPayload, {
    description:
      'Accepts an invitation and logs the member in: a person without an account sets its password, one with an ' +
      'account gives its password.',
  })
  async acceptInvitation(@Arg('input') input: AcceptInvitationInput, @Ctx() context: RequestContext): Promise<AuthPayload> {
    const session = await context.services.auth.acceptInvitation(input);
    return toPayload(context, session);
  }
}
