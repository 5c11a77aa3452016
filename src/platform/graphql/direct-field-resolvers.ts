import { isObjectType, type GraphQLFieldResolver, type GraphQLResolveInfo, type GraphQLSchema } from 'graphql';
import { getMetadataStorage } from 'type-graphql';

/**
 * Field resolvers called directly. For every call of a `@FieldResolver` method, type-graphql builds a
 * resolver-data object, looks the resolver instance up in its container, re-sorts the method's parameter list
 * and maps it to a new array, then runs the (empty) middleware chain: measured by `npm run bench:profile` with
 * HEAP_PROFILE on the account page (50 accounts with owner, contacts, interests: ~300 such calls), that was a tenth
 * of everything a request allocates, the parameter sort alone 5 %.
 *
 * After the build, a field resolver whose parameters are only `@Root()`, `@Ctx()` and `@Info()`, with no
 * middleware and no guard left to type-graphql (object-field guards are ours, field-guards.ts), is called with
 * its arguments taken in one precomputed order. When the root is not already an instance of the object type's
 * class (a plain object from a loader), type-graphql's own resolver runs, since it converts the root to that
 * class first; every other field resolver keeps type-graphql's.
 */

type Extract = (root: unknown, context: unknown, info: GraphQLResolveInfo) => unknown;

interface ParamMetadata {
  kind: string;
  index: number;
  propertyName?: string;
  getType?: () => unknown;
}

const EXTRACTORS: Record<string, Extract> = {
  root: (root) => root,
  context: (_root, context) => context,
  info: (_root, _context, info) => info,
};

export function callFieldResolversDirectly(schema: GraphQLSchema): GraphQLSchema {
  const storage = getMetadataStorage();
  const typeNameOf = new Map<Function, string>(storage.objectTypes.map((type) => [type.target, type.name]));
  const instances = new Map<Function, Record<string, (...args: unknown[]) => unknown>>();
  for (const resolver of storage.fieldResolvers) {
    if (resolver.kind !== 'external' || resolver.middlewares?.length || resolver.roles) continue;
    const objectClass = resolver.getObjectType?.();
    const typeName = objectClass && typeNameOf.get(objectClass);
    const type = typeName ? schema.getType(typeName) : undefined;
    if (!objectClass || !isObjectType(type)) continue;
    const field = type.getFields()[resolver.schemaName];
    const params = [...((resolver.params ?? []) as ParamMetadata[])].sort((a, b) => a.index - b.index);
    if (!field?.resolve || !params.every((param) => EXTRACTORS[param.kind] && !param.propertyName)) continue;
    // What type-graphql converts the root to (the object type's class, unless the parameter names another).
    const rootClass = params.find((param) => param.kind === 'root')?.getType?.() ?? objectClass;
    if (typeof rootClass !== 'function') continue;
    const extract = params.map((param) => EXTRACTORS[param.kind]);
    let instance = instances.get(resolver.target);
    if (!instance) instances.set(resolver.target, (instance = new (resolver.target as new () => Record<string, (...args: unknown[]) => unknown>)()));
    const method = instance[resolver.methodName];
    const target = instance;
    const original = field.resolve;
    const direct: GraphQLFieldResolver<unknown, unknown> = (root, args, context, info) => {
      if (!(root instanceof rootClass)) return original(root, args, context, info);
      switch (extract.length) {
        case 1:
          return method.call(target, extract[0](root, context, info));
        case 2:
          return method.call(target, extract[0](root, context, info), extract[1](root, context, info));
        default:
          return method.apply(target, extract.map((read) => read(root, context, info)));
      }
    };
    field.resolve = direct;
  }
  return schema;
}
