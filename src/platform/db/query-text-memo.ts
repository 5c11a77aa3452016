import { QueryBuilder } from 'typeorm';

/**
 * TypeORM rewrites `alias.propertyName` to `"alias"."column"` in every statement it builds, compiling one regular
 * expression over every property of every alias each time: the largest single cost of building a statement in
 * the `bench:graphql` profiles. The rewrite is a pure function of the statement text and the aliases' entities,
 * and a server sends few distinct statement texts (values travel as parameters), so it is memoized on both.
 */
const MAX_ENTRIES = 2_000;
/** Bulk statements (a thousand rows' placeholders) are rare and long: rewritten each time, never kept. */
const MAX_STATEMENT_LENGTH = 8_192;

type Rewriter = (this: QueryBuilder<object>, statement: string) => string;

let installed = false;

export function memoizePropertyNameRewrite(): void {
  if (installed) return;
  installed = true;
  const prototype = QueryBuilder.prototype as unknown as { replacePropertyNamesForTheWholeQuery: Rewriter };
  const rewrite = prototype.replacePropertyNamesForTheWholeQuery;
  if (typeof rewrite !== 'function') return; // a TypeORM without it: nothing to memoize
  const memo = new Map<string, string>();
  prototype.replacePropertyNamesForTheWholeQuery = function memoized(statement) {
    if (statement.length > MAX_STATEMENT_LENGTH) return rewrite.call(this, statement);
    let aliases = '';
    for (const alias of this.expressionMap.aliases) {
      if (alias.hasMetadata) aliases += `${alias.name}=${alias.metadata.name};`;
    }
    const key = `${this.expressionMap.aliasNamePrefixingEnabled ? 1 : 0}${aliases}\n${statement}`;
    let result = memo.get(key);
    if (result === undefined) {
      result = rewrite.call(this, statement);
      if (memo.size >= MAX_ENTRIES) memo.clear();
      memo.set(key, result);
    }
    return result;
  };
}
