import DataLoader from 'dataloader';
import type { EntityTarget, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import type { ConnectionArgs, ConnectionShape } from './connection';
import { mainOf, selectLean, unionOf, type Projection } from '../data/lean-rows';
import { connectionOf, encodeCursor, orderingTagOf, pageRequestOf, leanRowsOf, seekCondition, type SortKey } from './keyset';

/**
 * What a per-parent list reads: the rows every parent in a batch may list (workspace and portfolio already
 * applied), with `parentSql` naming each row's parent. The query may join to reach the parent (a row can then
 * belong to several parents).
 */
export interface FirstNSource<T extends ObjectLiteral, A extends ConnectionArgs> {
  entity: EntityTarget<T>;
  rows(parentIds: string[], args: A): SelectQueryBuilder<T>;
  parentSql: string;
  /** The order of each parent's list; the last key must be the row's unique id. */
  sortKeys: SortKey<T>[];
}

/** One parent's page of a list field: the parent's id and the field's arguments. */
export interface FirstNKey<A extends ConnectionArgs> {
  parentId: string;
  args: A;
  /** Read lean rows of only these properties (data/lean-rows.ts); a batch loads the union of its keys'. */
  projection?: Projection;
}

/** The arguments as a key, memoized on the object (a field resolver may pass one constant for every parent). */
const argsKeyOf = (args: ConnectionArgs): string => {
  let key = argsKeys.get(args);
  if (key === undefined) {
    key = JSON.stringify(args, Object.keys(args).sort());
    argsKeys.set(args, key);
  }
  return key;
};
const argsKeys = new WeakMap<ConnectionArgs, string>();
const countKeyOf = (key: FirstNKey<ConnectionArgs>): string => `${key.parentId}|${argsKeyOf(key.args)}`;
/**
 * The cache key of a parent's page: its id and a suffix memoized per (arguments, projection) pair, so a batch of
 * 50 parents asked with one constant and one projection builds 50 short concatenations, not 50 templates over
 * the projection's text.
 */
const cacheKeyOf = (key: FirstNKey<ConnectionArgs>): string => key.parentId + suffixOf(key.args, key.projection);
// By the projection's text, not its object: projections are memoized per parsed document, and a constant `args`
// (kept for the process's life) must not collect one entry per document. Few distinct texts exist; capped anyway.
const suffixes = new WeakMap<ConnectionArgs, Map<string, string>>();
const suffixOf = (args: ConnectionArgs, projection: Projection | undefined): string => {
  const projectionKey = projection?.key ?? '*';
  let byProjection = suffixes.get(args);
  if (!byProjection) suffixes.set(args, (byProjection = new Map()));
  let suffix = byProjection.get(projectionKey);
  if (suffix === undefined) {
    if (byProjection.size >= 256) byProjection.clear();
    suffix = `|${argsKeyOf(args)}|${projectionKey}`;
    byProjection.set(projectionKey, suffix);
  }
  return suffix;
};

interface ArgsGroup<A> {
  args: A;
  parentIds: string[];
  /** The union of the keys' projections; undefined (whole entities) when any key asked for entities. */
  projection: Projection | undefined;
}

/** Groups a batch by its arguments: parents asked with the same arguments share one statement. */
function byArgs<A extends ConnectionArgs>(keys: readonly FirstNKey<A>[]): Map<string, ArgsGroup<A>> {
  const groups = new Map<string, ArgsGroup<A> & { projections: Projection[]; entities: boolean }>();
  for (const key of keys) {
    const argsKey = argsKeyOf(key.args);
    let group = groups.get(argsKey);
    if (!group) groups.set(argsKey, (group = { args: key.args, parentIds: [], projection: undefined, projections: [], entities: false }));
    group.parentIds.push(key.parentId);
    if (key.projection) group.projections.push(key.projection);
    else group.entities = true;
  }
  for (const group of groups.values()) group.projection = group.entities ? undefined : unionOf(group.projections);
  return groups;
}

/**
 * Per-request loaders for a list field of a parent type (`Account.timeline`, `Account.documents`, ...): every
 * parent's page of the same arguments comes from ONE statement, ranked per parent with
 * `ROW_NUMBER() OVER (PARTITION BY parent ORDER BY ...)`, keyset `after` / `before` included. `totalCount` is
 * read only when asked, then for every parent of the batch in one GROUP BY statement.
 */
export function createFirstNLoader<T extends ObjectLiteral, A extends ConnectionArgs>(
  source: FirstNSource<T, A>,
): DataLoader<FirstNKey<A>, ConnectionShape<T>, string> {
  const idKey = source.sortKeys[source.sortKeys.length - 1];

  const counts = new DataLoader<FirstNKey<A>, number, string>(
    async (keys) => {
      const totals = new Map<string, number>();
      for (const [argsKey, group] of byArgs(keys)) {
        const rows = await source
          .rows(group.parentIds, group.args)
          .select(source.parentSql, 'parent_key')
          .addSelect(`COUNT(DISTINCT ${idKey.sql})`, 'total')
          .groupBy(source.parentSql)
          .getRawMany<{ parent_key: string; total: string }>();
        for (const row of rows) totals.set(`${row.parent_key}|${argsKey}`, Number(row.total));
      }
      return keys.map((key) => totals.get(countKeyOf(key)) ?? 0);
    },
    { cacheKeyFn: countKeyOf },
  );

  const pagesOf = async (parentIds: string[], args: A, projection: Projection | undefined): Promise<Map<string, ConnectionShape<T>>> => {
    const { backward, size } = pageRequestOf(args);
    const keys = source.sortKeys;
    const tag = orderingTagOf(keys);
    const inner = source.rows(parentIds, args);
    if (args.after) {
      const seek = seekCondition(keys, args.after, 'after', true, 'first_n');
      inner.andWhere(seek.sql, seek.params);
    }
    if (args.before) {
      const seek = seekCondition(keys, args.before, 'before', false, 'first_n');
      inner.andWhere(seek.sql, seek.params);
    }
    const order = keys
      .map((key) => `${key.sql} ${backward === (key.direction === 'ASC') ? 'DESC' : 'ASC'}`)
      .join(', ');
    inner
      .select(source.parentSql, 'parent_key')
      .addSelect(idKey.sql, 'row_id')
      .addSelect(`ROW_NUMBER() OVER (PARTITION BY ${source.parentSql} ORDER BY ${order})`, 'position');
    if (projection) keys.forEach((key, i) => inner.addSelect(`(${key.sql})`, `lean_key_${i}`));

    const outer = inner.connection
      .createQueryBuilder(source.entity, 'first_n_row')
      .innerJoin(`(${inner.getQuery()})`, 'ranked', 'ranked.row_id = first_n_row.id')
      .setParameters(inner.getParameters())
      .where('ranked.position <= :first_n_limit', { first_n_limit: size + 1 })
      .orderBy('ranked.parent_key')
      .addOrderBy('ranked.position');
    const rowsByParent = new Map<string, T[]>();
    const add = (parent: string, row: T) => {
      const group = rowsByParent.get(parent);
      if (group) group.push(row);
      else rowsByParent.set(parent, [row]);
    };
    let cursorOf = (node: T): string => encodeCursor(tag, keys.map((key) => key.value(node)));

    if (projection) {
      const build = selectLean(outer, 'first_n_row', mainOf(outer).metadata, projection);
      outer.addSelect('ranked.parent_key', 'first_n_parent');
      keys.forEach((_, i) => outer.addSelect(`ranked.lean_key_${i}`, `lean_key_${i}`));
      const raws = await outer.getRawMany<Record<string, unknown>>();
      const lean = leanRowsOf(raws, build, keys, tag);
      lean.rows.forEach((row, i) => add(String(raws[i].first_n_parent), row));
      cursorOf = lean.cursorOf;
    } else {
      // TypeORM names the raw id column `<alias>_<column>`: first_n_row_id.
      const { entities, raw } = await outer
        .addSelect('ranked.parent_key', 'first_n_parent')
        .getRawAndEntities<{ first_n_row_id: string; first_n_parent: string }>();
      const entityById = new Map<string, T>(entities.map((entity) => [String(idKey.value(entity)), entity]));
      for (const row of raw) {
        const entity = entityById.get(String(row.first_n_row_id));
        if (entity) add(row.first_n_parent, entity);
      }
    }
    const pages = new Map<string, ConnectionShape<T>>();
    for (const parentId of parentIds) {
      const rows = rowsByParent.get(parentId) ?? [];
      const hasMore = rows.length > size;
      const nodes = rows.slice(0, size);
      if (backward) nodes.reverse();
      pages.set(
        parentId,
        connectionOf(nodes, cursorOf, {
          hasNextPage: backward ? Boolean(args.before) : hasMore,
          hasPreviousPage: backward ? hasMore : Boolean(args.after),
          totalCount: () => counts.load({ parentId, args }),
        }),
      );
    }
    return pages;
  };

  return new DataLoader<FirstNKey<A>, ConnectionShape<T>, string>(
    async (keys) => {
      const pages = new Map<string, ConnectionShape<T>>();
      for (const [argsKey, group] of byArgs(keys)) {
        const uniqueParents = [...new Set(group.parentIds)];
        for (const [parentId, page] of await pagesOf(uniqueParents, group.args, group.projection)) pages.set(`${parentId}|${argsKey}`, page);
      }
      return keys.map((key) => pages.get(countKeyOf(key)) as ConnectionShape<T>);
    },
    { cacheKeyFn: cacheKeyOf },
  );
}
