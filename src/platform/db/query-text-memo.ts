import { QueryBuilder, SelectQueryBuilder, type ObjectLiteral } from 'typeorm';
import type { QueryExpressionMap } from 'typeorm/query-builder/QueryExpressionMap';

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

/**
 * A select's statement text (`getQuery()`, parameters still named) memoized on what it is built from. Building it
 * walks every select, join and condition through TypeORM's metadata each time: with the page's embedded reads
 * (four statements' texts per request), the largest part of a page's CPU outside the garbage collector
 * (`npm run bench:profile`). The key is every expression-map input the text depends on, for the queries the read
 * path builds (strings, aliases, joins by relation path); a query using anything else (CTEs, relation ids, a
 * condition that is not plain data) is built as before. Under tests every memoized text is checked against a fresh
 * build, so a key that missed an input fails the suite instead of sending another query's text.
 */
const SELECT_MEMO_ENTRIES = 1_000;

type TextBuilder = SelectQueryBuilder<ObjectLiteral> & { getQuery(): string };

let selectMemoInstalled = false;
let verifySelectMemo = false;

export function memoizeSelectQueryText(options: { verify: boolean }): void {
  verifySelectMemo = options.verify;
  if (selectMemoInstalled) return;
  selectMemoInstalled = true;
  const prototype = SelectQueryBuilder.prototype as unknown as TextBuilder;
  const build = prototype.getQuery;
  const memo = new Map<string, string>();
  prototype.getQuery = function memoized(this: TextBuilder) {
    const key = selectKeyOf(this.expressionMap);
    if (key === null) return build.call(this);
    const known = memo.get(key);
    if (known !== undefined && !verifySelectMemo) return known;
    const parameters = Object.keys(this.expressionMap.parameters).length;
    const text = build.call(this);
    // A build that added parameters of its own (a discriminator, a soft-delete value) cannot be replayed.
    if (Object.keys(this.expressionMap.parameters).length !== parameters) return text;
    if (known !== undefined && known !== text) throw new Error(`memoized select text differs from a fresh build:\n${known}\n${text}`);
    if (memo.size >= SELECT_MEMO_ENTRIES) memo.clear();
    memo.set(key, text);
    return text;
  };
}

/** Everything getQuery() reads of the expression map, as text; null for a query this memo does not cover. */
function selectKeyOf(map: QueryExpressionMap): string | null {
  if (map.queryType !== 'select' || map.commonTableExpressions.length || map.relationIdAttributes.length) return null;
  if (map.comment || map.useIndex || map.timeTravel || map.selectDistinctOn.length || map.havings.length || map.maxExecutionTime) return null;
  let key = `${map.aliasNamePrefixingEnabled ? 1 : 0}${map.disableEscaping ? 1 : 0}${map.withDeleted ? 1 : 0}${map.subQuery ? 1 : 0}${map.selectDistinct ? 1 : 0}`;
  key += `|${map.limit ?? ''}|${map.offset ?? ''}|${map.take ?? ''}|${map.skip ?? ''}|${map.lockMode ?? ''}|${map.lockVersion ?? ''}|${map.onLocked ?? ''}|${map.lockTables?.join(',') ?? ''}`;
  key += `|${map.extraAppendedAndWhereCondition}`;
  for (const alias of map.aliases) {
    if (alias.subQuery !== undefined && typeof alias.subQuery !== 'string') return null;
    key += `\u0001${alias.type}:${alias.name}:${alias.hasMetadata ? alias.metadata.name : (alias.tablePath ?? '')}:${alias.subQuery ?? ''}`;
  }
  key += `\u0002${map.mainAlias?.name ?? ''}`;
  for (const select of map.selects) key += `\u0003${select.selection}\u0004${select.aliasName ?? ''}\u0004${select.virtual ? 1 : 0}`;
  for (const join of map.joinAttributes) {
    if (typeof join.entityOrProperty !== 'string' || (join.condition !== undefined && typeof join.condition !== 'string')) return null;
    key += `\u0005${join.direction}:${join.entityOrProperty}:${join.alias.name}:${join.condition ?? ''}:${join.mapToProperty ?? ''}:${join.isMappingMany ? 1 : 0}`;
  }
  const wheres = plainText(map.wheres);
  if (wheres === null) return null;
  key += `\u0006${wheres}\u0007${JSON.stringify(map.orderBys)}\u0007${map.groupBys.join('\u0004')}`;
  return key;
}

/** The conditions as JSON when they are plain data (strings, arrays, objects of them); null otherwise. */
function plainText(value: unknown): string | null {
  let plain = true;
  const text = JSON.stringify(value, (_key, item: unknown) => {
    if (typeof item === 'function' || (typeof item === 'object' && item !== null && !Array.isArray(item) && Object.getPrototypeOf(item) !== Object.prototype)) plain = false;
    return item;
  });
  return plain ? text : null;
}
