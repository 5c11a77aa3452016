import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import type { AccessTokens } from '../platform/auth/access-tokens';
import type { MemberPrincipal, Principal } from '../platform/auth/principal';
import type { PrincipalCache } from '../platform/auth/principal-cache';
import { hashesEqual, randomToken, sha256 } from '../platform/auth/secrets';
import type { Config } from '../platform/config/config';
import { ForbiddenError, RateLimitedError, UnauthenticatedError, type AppError } from '../platform/errors/errors';
import { ErrorReason } from '../platform/errors/error-reason';
import type { Authentication } from '../platform/server/context-factory';
import type { WorkspaceSeeds } from '../platform/settings/workspace-seeds';
import { parseInput } from '../platform/validation/parse-input';
import { ApiKey } from './api-key.entity';
import { acceptInvitationSchema, logInSchema, signUpSchema } from './identity.schemas';
import { Membership } from './membership.entity';
import { hashPassword, verifyPassword } from './passwords';
import { RefreshSession } from './refresh-session.entity';
import { AccessScope, MembershipStatus, Role } from './roles';
import { User } from './user.entity';
import { Workspace } from './workspace.entity';

export interface SessionTokens {
  accessToken: string;
  accessTokenExpiresAt: Date;
  refreshToken: string;
  refreshTokenExpiresAt: Date;
  membership: Membership;
}

export type { Authentication };

/** A fresh look-up's answer: the principal and until when the credential itself is valid, or the refusal. */
type LookedUp = { principal: Principal; error: null; validUntil: Date | null } | { principal: null; error: AppError };

const LOGIN_WINDOW_SECONDS = 15 * 60;
/** The one answer to a wrong email or password, whichever operation asked (logIn, signUp, acceptInvitation). */
export const INVALID_CREDENTIALS = 'Invalid email or password';
/** API keys' last-used time is written at most this often, so a busy key does not write on every request. */
const LAST_USED_RESOLUTION_MS = 60_000;
export const API_KEY_PREFIX = 'vk_';

export const memberPrincipal = (membership: Membership): MemberPrincipal => ({
  kind: 'member',
  workspaceId: membership.workspaceId,
  membershipId: membership.id,
  userId: membership.userId,
  role: membership.role,
  accessScope: membership.accessScope,
});

export class AuthService {
  constructor(
    private readonly db: DataSource,
    private readonly tokens: AccessTokens,
    private readonly config: Config,
    /** Successful authentications reused for a few seconds; identity's commands forget what they change. */
    private readonly principals: PrincipalCache,
    /** What a new workspace starts with (other domains' defaults, e.g. lead sources). */
    private readonly workspaceSeeds?: WorkspaceSeeds,
  ) {}

  /**
   * Creates a workspace and its OWNER and logs them in. The answer never tells whether the email was taken
   * (DESIGN §3, no existence leaks): for a taken email the password is checked against that user, as logIn would
   * (one argon2 run either way, throttled like logIn); the right one gives that user the new workspace and the
   * same answer as a new email, a wrong one the same error as a failed logIn.
   */
  async signUp(input: unknown): Promise<SessionTokens> {
    if (!this.config.SIGNUP_ENABLED) throw new ForbiddenError('Sign-up is disabled on this server', ErrorReason.SIGNUP_DISABLED);
    const data = parseInput(signUpSchema, input);
    await this.refuseWhileLocked(data.email);
    const existing = await this.db.getRepository(User).findOne({ where: { email: data.email } });
    let passwordHash: string | null = null;
    if (existing) await this.checkPassword(existing, data.password);
    else passwordHash = await hashPassword(data.password);
    return this.db.transaction(async (manager) => {
      const workspace = await manager.save(
        manager.create(Workspace, { name: data.workspaceName, timeZone: data.timeZone ?? 'UTC' }),
      );
      const user = existing ?? (await this.insertNewUser(manager, data.email, data.name, passwordHash));
      const membership = await manager.save(
        manager.create(Membership, {
          workspaceId: workspace.id,
          userId: user.id,
          role: Role.OWNER,
          accessScope: AccessScope.ALL,
          status: MembershipStatus.ACTIVE,
        }),
      );
      // What other domains give every workspace (lead sources, the default pipeline…), written by its OWNER.
      await this.workspaceSeeds?.seed(manager, workspace.id, memberPrincipal(membership));
      return this.startSession(manager, membership);
    });
  }

  async logIn(input: unknown): Promise<SessionTokens> {
    const data = parseInput(logInSchema, input);
    await this.refuseWhileLocked(data.email);
    const found = await this.db.getRepository(User).findOne({ where: { email: data.email } });
    const user = await this.checkPassword(found, data.password, data.email);
    const membership = await this.db.getRepository(Membership).findOne({
      where: { userId: user.id, status: MembershipStatus.ACTIVE, ...(data.workspaceId ? { workspaceId: data.workspaceId } : {}) },
      order: { createdAt: 'ASC' },
    });
    if (!membership) throw new UnauthenticatedError(INVALID_CREDENTIALS);
    return this.db.transaction((manager) => this.startSession(manager, membership));
  }

  /** Rotates the refresh token. A token presented twice revokes its whole family. */
  async refreshSession(refreshToken: string): Promise<SessionTokens> {
    const tokenHash = sha256(refreshToken);
    const outcome = await this.db.transaction(async (manager) => {
      const session = await manager
        .getRepository(RefreshSession)
        .createQueryBuilder('s')
        .setLock('pessimistic_write')
        .where('s.tokenHash = :tokenHash', { tokenHash })
        .getOne();
      if (!session || session.revokedAt || session.expiresAt.getTime() <= Date.now()) return 'invalid' as const;
      if (session.usedAt) {
        await manager.update(RefreshSession, { familyId: session.familyId as string }, { revokedAt: new Date() });
        return 'reused' as const;
      }
      const membership = await manager.findOne(Membership, { where: { id: session.membershipId } });
      if (!membership || membership.status !== MembershipStatus.ACTIVE) return 'invalid' as const;
      await manager.update(RefreshSession, { id: session.id }, { usedAt: new Date() });
      return this.startSession(manager, membership, session.familyId);
    });
    if (outcome === 'invalid') throw new UnauthenticatedError('Invalid or expired refresh token');
    if (outcome === 'reused') {
      throw new UnauthenticatedError('Refresh token already used; the session has been revoked, log in again');
    }
    return outcome;
  }

  /** Ends the session family of this refresh token (log out on this device). */
  async logOut(refreshToken: string): Promise<boolean> {
    const session = await this.db.getRepository(RefreshSession).findOne({ where: { tokenHash: sha256(refreshToken) } });
    if (!session) return false;
    await this.db.getRepository(RefreshSession).update({ familyId: session.familyId }, { revokedAt: new Date() });
    return true;
  }

  /**
   * Accepts an invitation. Every invitation carries a token whatever the email (inviteMember must not tell
   * whether the person already has an account): a person without a password sets one here; one who has a password
   * gives it (checked and throttled as in logIn; their name is theirs and is left as it is).
   */
  async acceptInvitation(input: unknown): Promise<SessionTokens> {
    const data = parseInput(acceptInvitationSchema, input);
    const tokenHash = sha256(data.token);
    const invited = await this.db.getRepository(Membership).findOne({
      where: { invitationTokenHash: tokenHash, status: MembershipStatus.INVITED },
    });
    const invitationValid = (membership: Membership | null): membership is Membership =>
      Boolean(membership?.invitationExpiresAt && membership.invitationExpiresAt.getTime() >= Date.now());
    if (!invitationValid(invited)) throw new UnauthenticatedError('Invalid or expired invitation');
    const user = await this.db.getRepository(User).findOneOrFail({ where: { id: invited.userId } });
    let passwordHash: string | null = null;
    if (user.passwordHash) {
      await this.refuseWhileLocked(user.email);
      await this.checkPassword(user, data.password);
    } else {
      passwordHash = await hashPassword(data.password);
    }
    return this.db.transaction(async (manager) => {
      const membership = await manager
        .getRepository(Membership)
        .createQueryBuilder('m')
        .setLock('pessimistic_write')
        .where('m.id = :id AND m.invitationTokenHash = :tokenHash AND m.status = :status', {
          id: invited.id,
          tokenHash,
          status: MembershipStatus.INVITED,
        })
        .getOne();
      if (!invitationValid(membership)) throw new UnauthenticatedError('Invalid or expired invitation'); // accepted concurrently
      if (passwordHash) {
        const claimed = await manager
          .createQueryBuilder()
          .update(User)
          .set({ passwordHash, name: data.name ?? membership.invitedName ?? user.name })
          .where('id = :id AND password_hash IS NULL', { id: user.id })
          .execute();
        if (!claimed.affected) throw new UnauthenticatedError(INVALID_CREDENTIALS); // a password was set meanwhile
      }
      membership.status = MembershipStatus.ACTIVE;
      membership.invitationTokenHash = null;
      membership.invitationExpiresAt = null;
      membership.invitedName = null;
      await manager.save(membership);
      return this.startSession(manager, membership);
    });
  }

  /**
   * Resolves `Authorization: Bearer <access token | API key>` to a principal. A credential authenticated lately on
   * this instance is answered from the principal cache (no SQL); `fresh` skips it (WebSocket re-checks).
   */
  async authenticate(bearer: string, options: { fresh?: boolean } = {}): Promise<Authentication> {
    const lookup = this.principals.begin(bearer);
    const cached = lookup && !options.fresh ? this.principals.cached(lookup) : null;
    if (cached) return { principal: cached, error: null };
    const found = await this.lookUp(bearer);
    if (!found.principal) return found;
    if (lookup) this.principals.store(lookup, found.principal, found.validUntil);
    return { principal: found.principal, error: null };
  }

  private async lookUp(bearer: string): Promise<LookedUp> {
    const refused = (message: string): LookedUp => ({ principal: null, error: new UnauthenticatedError(message) });
    if (bearer.startsWith(API_KEY_PREFIX)) {
      const apiKey = await this.findApiKey(bearer);
      if (!apiKey) return refused('Invalid API key');
      if (apiKey.revokedAt) return refused('This API key has been revoked');
      if (apiKey.expiresAt && apiKey.expiresAt.getTime() <= Date.now()) return refused('This API key has expired');
      // Only uncached look-ups get here: with the cache, the last-used time is at most its TTL later than this.
      if (!apiKey.lastUsedAt || Date.now() - apiKey.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
        await this.db.getRepository(ApiKey).update({ id: apiKey.id }, { lastUsedAt: new Date() });
      }
      return {
        principal: { kind: 'apiKey', workspaceId: apiKey.workspaceId, apiKeyId: apiKey.id, scopes: new Set(apiKey.scopes) },
        error: null,
        validUntil: apiKey.expiresAt,
      };
    }
    const claims = this.tokens.verify(bearer);
    if (!claims) return refused('Invalid or expired access token');
    const membership = await this.db.getRepository(Membership).findOne({ where: { id: claims.sub, workspaceId: claims.wid } });
    if (!membership || membership.status !== MembershipStatus.ACTIVE) return refused('This membership is no longer active');
    return { principal: memberPrincipal(membership), error: null, validUntil: claims.expiresAt };
  }

  private async findApiKey(secret: string): Promise<ApiKey | null> {
    // Format: vk_<8 characters>_<random>; the prefix finds the row, the hash proves the secret.
    const prefixLength = API_KEY_PREFIX.length + 8;
    if (secret.length < prefixLength + 2 || secret[prefixLength] !== '_') return null;
    const prefix = secret.slice(0, prefixLength);
    const apiKey = await this.db.getRepository(ApiKey).findOne({ where: { prefix } });
    if (!apiKey || !hashesEqual(apiKey.secretHash, sha256(secret))) return null;
    return apiKey;
  }

  /**
   * The password check of logIn, signUp with a taken email and acceptInvitation by an existing user: one argon2 run
   * whether or not the user exists, failures counted per email (RATE_LIMITED past LOGIN_MAX_FAILURES), one answer.
   */
  private async checkPassword(user: User | null, password: string, email = user?.email): Promise<User> {
    const passwordOk = await verifyPassword(user?.passwordHash ?? null, password);
    if (!user || !passwordOk) {
      if (email) await this.recordFailure(email);
      throw new UnauthenticatedError(INVALID_CREDENTIALS);
    }
    await this.db.query('DELETE FROM login_throttles WHERE email = $1', [user.email]);
    return user;
  }

  /** A concurrent sign-up of the same new email loses with the answer a taken email with another password gets. */
  private async insertNewUser(manager: EntityManager, email: string, name: string, passwordHash: string | null): Promise<User> {
    const inserted = await manager
      .createQueryBuilder()
      .insert()
      .into(User)
      .values({ email, name, passwordHash })
      .orIgnore()
      .returning(['id'])
      .execute();
    const row = (inserted.raw as { id: string }[])[0];
    if (!row) throw new UnauthenticatedError(INVALID_CREDENTIALS);
    return manager.findOneByOrFail(User, { id: row.id });
  }

  private async startSession(
    manager: EntityManager,
    membership: Membership,
    familyId: string = randomUUID(),
  ): Promise<SessionTokens> {
    const refreshToken = randomToken();
    const refreshTokenExpiresAt = new Date(Date.now() + this.config.REFRESH_TOKEN_TTL_SECONDS * 1000);
    await manager.insert(RefreshSession, {
      workspaceId: membership.workspaceId,
      membershipId: membership.id,
      familyId,
      tokenHash: sha256(refreshToken),
      expiresAt: refreshTokenExpiresAt,
    });
    const access = this.tokens.issue({ sub: membership.id, wid: membership.workspaceId });
    return {
      accessToken: access.token,
      accessTokenExpiresAt: access.expiresAt,
      refreshToken,
      refreshTokenExpiresAt,
      membership,
    };
  }

  private async refuseWhileLocked(email: string): Promise<void> {
    const rows: { retry_after: number }[] = await this.db.query(
      `SELECT CEIL(EXTRACT(EPOCH FROM locked_until - now()))::int AS retry_after
         FROM login_throttles WHERE email = $1 AND locked_until > now()`,
      [email],
    );
    if (rows.length > 0) throw new RateLimitedError(Math.max(1, rows[0].retry_after), 'Too many failed log-ins');
  }

  private async recordFailure(email: string): Promise<void> {
    // One statement, safe under concurrent attempts from several instances.
    await this.db.query(
      `INSERT INTO login_throttles (email, failures, window_started_at, locked_until)
       VALUES ($1, 1, now(), CASE WHEN 1 >= $2 THEN now() + make_interval(secs => $3) END)
       ON CONFLICT (email) DO UPDATE SET
         failures = CASE WHEN login_throttles.window_started_at < now() - make_interval(secs => $4)
                         THEN 1 ELSE login_throttles.failures + 1 END,
         window_started_at = CASE WHEN login_throttles.window_started_at < now() - make_interval(secs => $4)
                         THEN now() ELSE login_throttles.window_started_at END,
         locked_until = CASE WHEN login_throttles.window_started_at >= now() - make_interval(secs => $4)
                              AND login_throttles.failures + 1 >= $2
                         THEN now() + make_interval(secs => $3) END`,
      [email, this.config.LOGIN_MAX_FAILURES, this.config.LOGIN_LOCK_SECONDS, LOGIN_WINDOW_SECONDS],
    );
  }
}
