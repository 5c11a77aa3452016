import { getMetadataStorage } from 'type-graphql';

/**
 * Marks every plain `@Field` property that has no guard (`@Authorized`) and no middleware, on the field or its
 * class, as a simple field: GraphQL reads it with its default resolver instead of type-graphql's wrapper, which
 * builds a resolver-data object and runs the (empty) middleware chain for every field of every row.
 * Fields renamed in the schema (`@Field({ name })`) keep the wrapper (the default resolver reads by schema name),
 * as does anything an explicit `simple` option decides. Field resolvers (`@FieldResolver`, getters) are untouched:
 * type-graphql gives them precedence over `simple`.
 */
export function markPlainFieldsSimple(): void {
  const storage = getMetadataStorage();
  const guardedClasses = new Set<Function>([
    ...storage.authorizedResolver.map((it) => it.target),
    ...storage.resolverMiddlewares.map((it) => it.target),
  ]);
  const guardedFields = new Map<Function, Set<string>>();
  for (const it of [...storage.authorizedFields, ...storage.middlewares]) {
    const names = guardedFields.get(it.target) ?? new Set<string>();
    guardedFields.set(it.target, names.add(it.fieldName));
  }
  for (const field of storage.fields) {
    if (field.simple !== undefined || field.name !== field.schemaName) continue;
    if (guardedClasses.has(field.target) || guardedFields.get(field.target)?.has(field.name)) continue;
    field.simple = true;
  }
}
