import { defaultFieldResolver, isObjectType, type GraphQLFieldResolver, type GraphQLSchema } from 'graphql';
import { getMetadataStorage } from 'type-graphql';
import type { RequestContext } from '../context/context';
import { allowedPrincipal, type GuardRule } from './guard';

/**
 * Guards on fields of object types (Member.email, Member.role, ...), checked synchronously.
 *
 * type-graphql runs `@Authorized` as an async middleware chain (three awaits per field): every guarded field of
 * every row then goes graphql-js's promise path, even when its value is already loaded. Measured by
 * `npm run bench:profile` on 50 accounts' `primaryOwner { name email }`, that chain was most of the nested
 * member's cost. Root fields (one per operation) keep type-graphql's check; object-type fields are taken out of
 * its metadata before the build and wrapped here, after it, by the same `allowedPrincipal` decision: same errors
 * (FORBIDDEN / UNAUTHENTICATED at the field's path), same nulls.
 */

/** Before `buildSchema`: leaves type-graphql the guards of root handlers only (queries, mutations, subscriptions). */
export function takeObjectFieldGuards(): void {
  const storage = getMetadataStorage();
  const roots = new Map<Function, Set<string>>();
  for (const handler of [...storage.queries, ...storage.mutations, ...storage.subscriptions]) {
    const names = roots.get(handler.target) ?? new Set<string>();
    roots.set(handler.target, names.add(handler.methodName));
  }
  storage.authorizedFields = storage.authorizedFields.filter((it) => roots.get(it.target)?.has(it.fieldName));
}

/** Rules already allowed for an auth holder (one per request), with the principal they were decided for. */
const allowed = new WeakMap<RequestContext['auth'], { principal: RequestContext['auth']['principal']; rules: Set<GuardRule> }>();

/** Decided once per request and principal: a page of 50 members asks the same question 50 times. */
function check(auth: RequestContext['auth'], rule: GuardRule): void {
  const decided = allowed.get(auth);
  if (decided && decided.principal === auth.principal && decided.rules.has(rule)) return;
  allowedPrincipal(auth, [rule]); // throws FORBIDDEN / UNAUTHENTICATED: refusals are never cached
  if (decided && decided.principal === auth.principal) decided.rules.add(rule);
  else allowed.set(auth, { principal: auth.principal, rules: new Set([rule]) });
}

/** After `buildSchema`: wraps every non-root field that carries a `@Guard` rule with the synchronous check. */
export function applyObjectFieldGuards(schema: GraphQLSchema): GraphQLSchema {
  const roots = new Set([schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()]);
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || roots.has(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      const rule = (field.extensions as { guard?: GuardRule }).guard;
      if (!rule) continue;
      const resolve: GraphQLFieldResolver<unknown, RequestContext> = field.resolve ?? defaultFieldResolver;
      field.resolve = (source, args, context, info) => {
        check(context.auth, rule);
        return resolve(source, args, context, info);
      };
    }
  }
  return schema;
}
