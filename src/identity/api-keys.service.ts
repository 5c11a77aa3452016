import type { DataSource, EntityManager } from 'typeorm';
import type { Principal } from '../platform/auth/principal';
import type { PrincipalCache } from '../platform/auth/principal-cache';
import type { EventBus } from '../platform/events/event-bus';
import { principalsTopic } from '../platform/auth/principals.topic';
import { randomToken, sha256 } from '../platform/auth/secrets';
import { NotFoundError } from '../platform/errors/errors';
import { RecordType } from '../platform/timeline/timeline-entry.entity';
import type { TimelineService } from '../platform/timeline/timeline.service';
import { parseInput } from '../platform/validation/parse-input';
import { ApiKey } from './api-key.entity';
import { API_KEY_PREFIX } from './auth.service';
import { createApiKeySchema } from './identity.schemas';

export class ApiKeysService {
  constructor(
    private readonly db: DataSource,
    /** Audits key creation and revocation (identityHistory) in their transaction. */
    private readonly timeline: TimelineService,
    /** Announces revocations, so connections open with the key close at once on every instance. */
    private readonly events?: EventBus,
    /** This instance's cached authentications: a revoked key is forgotten as soon as the revocation commits. */
    private readonly principals?: PrincipalCache,
  ) {}

  list(principal: Principal): Promise<ApiKey[]> {
    return this.db
      .getRepository(ApiKey)
      .find({ where: { workspaceId: principal.workspaceId }, order: { createdAt: 'DESC', id: 'ASC' } });
  }

  /** Returns the key and its secret; the secret is never stored nor shown again. */
  async create(principal: Principal, input: unknown): Promise<{ apiKey: ApiKey; secret: string }> {
    const data = parseInput(createApiKeySchema, input);
    const prefix = `${API_KEY_PREFIX}${randomToken(6).replace(/[-_]/g, 'x')}`;
    const secret = `${prefix}_${randomToken(32)}`;
    const apiKey = await this.db.transaction(async (manager) => {
      const saved = await manager.save(
        manager.create(ApiKey, {
          workspaceId: principal.workspaceId,
          name: data.name,
          prefix,
          secretHash: sha256(secret),
          scopes: [...new Set(data.scopes)].sort(),
          expiresAt: data.expiresAt ?? null,
          createdByMembershipId: principal.kind === 'member' ? principal.membershipId : null,
        }),
      );
      await this.audit(manager, principal, saved, 'API_KEY_CREATED');
      return saved;
    });
    return { apiKey, secret };
  }

  async revoke(principal: Principal, id: string): Promise<ApiKey> {
    const repository = this.db.getRepository(ApiKey);
    const apiKey = await repository.findOne({ where: { id, workspaceId: principal.workspaceId } });
    if (!apiKey) throw new NotFoundError('API key');
    if (!apiKey.revokedAt) {
      const revokedAt = new Date();
      const change = { workspaceId: apiKey.workspaceId, membershipIds: [], apiKeyIds: [apiKey.id] };
      try {
        await this.db.transaction(async (manager) => {
          await manager.update(ApiKey, { id: apiKey.id }, { revokedAt });
          await this.audit(manager, principal, apiKey, 'API_KEY_REVOKED');
          await this.events?.publish(manager, principalsTopic, change);
        });
      } finally {
        this.principals?.forget(change); // once committed, the very next request here looks the key up again
      }
      apiKey.revokedAt = revokedAt;
    }
    return apiKey;
  }

  /** Names the key by its public parts only: the secret (and its hash) never reach the history. */
  private audit(manager: EntityManager, principal: Principal, apiKey: ApiKey, kind: string) {
    const data = { name: apiKey.name, prefix: apiKey.prefix, scopes: apiKey.scopes, expiresAt: apiKey.expiresAt?.toISOString() ?? null };
    return this.timeline.record(manager, principal, [{ kind, recordType: RecordType.API_KEY, recordId: apiKey.id, accountId: null, data }]);
  }
}
