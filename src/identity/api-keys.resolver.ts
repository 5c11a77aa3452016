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
  @Query(() => [ApiKey])
  apiKeys(@Ctx() context: RequestContext): Promise<ApiKey[]> {
    return context.services.apiKeys.list(principalOf(context));
  }

  @Guard({ scope: 'identity:write', role: Role.ADMIN, membersOnly: true })
  @Mutation(() => CreateApiKeyPayload, { description: 'Requires ADMIN or above. Returns the secret exactly once.' })
  createApiKey(@Arg('input') input: CreateApiKeyInput, @Ctx() context: RequestContext): Promise<CreateApiKeyPayload> {
    return context.services.apiKeys.create(principalOf(context), input);
  }

  @Guard({ scope: 'identity:write', role: Role.ADMIN, membersOnly: true })
  @Mutation(() => ApiKey, { description: 'Requires ADMIN or above.' })
  revokeApiKey(@Arg('input') input: RevokeApiKeyInput, @Ctx() context: RequestContext): Promise<ApiKey> {
    return context.services.apiKeys.revoke(principalOf(context), input.id);
  }
}
