import { isObjectType, type GraphQLField, type GraphQLResolveInfo, type GraphQLSchema } from 'graphql';
import { buildAppSchema } from '../../src/platform/graphql/schema';
import { resolvers } from '../../src/resolvers';
import { ForbiddenError } from '../../src/platform/errors/errors';
import type { GuardRule } from '../../src/platform/auth/guard';

// The behaviour (nulls and FORBIDDEN errors at each path) is specified over HTTP in
// test/identity/api-key-field-access.test.ts; this file pins down the cost side: a guarded field of an object type is
// decided synchronously, so a loaded value never becomes a promise per row.
describe('guards on fields of object types (Member.email, Member.role, ...)', () => {
  let schema: GraphQLSchema;
  beforeAll(async () => {
    schema = await buildAppSchema(resolvers);
  });

  const profile = { id: '00000000-0000-4000-8000-000000000002', email: 'ana@example.test', name: 'Ana' };
  const membership = { id: '00000000-0000-4000-8000-000000000001', userId: profile.id, status: 'ACTIVE', role: 'ADMIN' };
  const apiKey = (scopes: string[]) => ({
    auth: { principal: { kind: 'apiKey', workspaceId: '00000000-0000-4000-8000-000000000003', apiKeyId: null, scopes: new Set(scopes) }, error: null },
    loaders: { identity: { loadedUser: (id: string) => (id === profile.id ? profile : undefined) } },
  });
  const field = (type: string, name: string): GraphQLField<unknown, unknown> => {
    const found = schema.getType(type);
    if (!isObjectType(found)) throw new Error(`${type} is not an object type`);
    return found.getFields()[name];
  };
  const resolve = (type: string, name: string, context: unknown): unknown =>
    field(type, name).resolve!(membership, {}, context, { fieldName: name } as GraphQLResolveInfo);

  it('a key with identity:read gets an already loaded email and role as plain values, not promises', () => {
    const context = apiKey(['identity:read']);
    expect(resolve('Member', 'email', context)).toBe('ana@example.test');
    expect(resolve('Member', 'role', context)).toBe('ADMIN');
    expect(resolve('Member', 'name', context)).toBe('Ana');
  });

  it('a key without identity:read is refused synchronously with FORBIDDEN (SCOPE_REQUIRED), every time it asks', () => {
    const context = apiKey(['accounts:read']);
    for (let i = 0; i < 2; i++) {
      expect(() => resolve('Member', 'email', context)).toThrow(ForbiddenError);
      expect(() => resolve('Member', 'role', context)).toThrow(/identity:read/);
    }
    expect(resolve('Member', 'name', context)).toBe('Ana'); // unguarded
  });

  it('a decision is not carried over when the request\'s principal changes (log-in mutations set it mid-request)', () => {
    const context = apiKey(['identity:read']);
    expect(resolve('Member', 'email', context)).toBe('ana@example.test');
    context.auth.principal = { ...context.auth.principal, scopes: new Set(['accounts:read']) };
    expect(() => resolve('Member', 'email', context)).toThrow(ForbiddenError);
  });

  it('every guarded field outside the root types is wrapped by the synchronous check', () => {
    const roots = new Set([schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()]);
    const guarded = Object.values(schema.getTypeMap())
      .filter((type) => isObjectType(type) && !roots.has(type) && !type.name.startsWith('__'))
      .flatMap((type) => (isObjectType(type) ? Object.values(type.getFields()).map((f) => ({ type: type.name, field: f })) : []))
      .filter(({ field: f }) => Boolean((f.extensions as { guard?: GuardRule }).guard));
    expect(guarded.map(({ type, field: f }) => `${type}.${f.name}`)).toEqual(expect.arrayContaining(['Member.email', 'Member.role', 'Member.accessScope', 'Member.teams']));
    for (const { field: f } of guarded) {
      expect(() => f.resolve!({}, {}, { auth: { principal: null, error: null } }, {} as GraphQLResolveInfo)).toThrow(/authenticat/i);
    }
  });
});
