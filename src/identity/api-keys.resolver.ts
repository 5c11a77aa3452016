import { Arg, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import { Guard } from '../platform/auth/guard';
import { principalOf, type RequestContext } from '../platform/context/context';
import { ApiKey } from './api-key.entity';
import { CreateApiKeyInput, CreateApiKeyPayload, RevokeApiKeyInput } from './identity.types';
import { Role } from './roles';

/** API keys are managed by admins logged in as themselves, never by another key. */
@Resolver(() => ApiKey)
export class ApiKeysResolver {
  @Guard({ scope: 'identity:read', role: Role.ADMIN, membersOnly: true })
  @Query(() => [ApiKey], {
    description:
      'API keys of the workspace (revoked and expired ones included), newest first. Requires ADMIN or above, as a ' +
      'logged-in member; API keys get FORBIDDEN (MEMBERS_ONLY).',
  })
  apiKeys(@Ctx() context: RequestContext): Promise<ApiKey[]> {
    return context.services.apiKeys.list(principalOf(context));
  }

  @Guard({ scope: 'identity:write', role: Role.ADMIN, membersOnly: true })
  @Mutation(() => CreateApiKeyPayload, {
    description:
      'Requires ADMIN or above, as a logged-in member; API keys get FORBIDDEN (MEMBERS_ONLY). Creates an API key and ' +
      'returns its secret, exactly once. Errors: BAD_USER_INPUT (invalid name, unknown scope, expiresAt not in the future).',
  })
  createApiKey(@Arg('input', { description: 'The key\'s name, scopes and expiry.' }) input: CreateApiKeyInput, @Ctx() context: RequestContext): Promise<CreateApiKeyPayload> {
    return context.services.apiKeys.create(principalOf(context), input);
  }

  @Guard({ scope: 'identity:write', role: Role.ADMIN, membersOnly: true })
  @Mutation(() => ApiKey, {
    description:
      'Requires ADMIN or above, as a logged-in member; API keys get FORBIDDEN (MEMBERS_ONLY). Revokes a key at once, on ' +
      'every instance (its open subscriptions close); revoking twice is not an error. Errors: NOT_FOUND outside the workspace.',
  })
  revokeApiKey(@Arg('input', { description: 'The key to revoke.' }) input: RevokeApiKeyInput, @Ctx() context: RequestContext): Promise<ApiKey> {
    return context.services.apiKeys.revoke(principalOf(context), input.id);
  }
}
