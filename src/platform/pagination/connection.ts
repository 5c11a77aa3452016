import { ArgsType, Field, Int, ObjectType, type ClassType } from 'type-graphql';
import { PromisedField } from '../graphql/compiled-execution';
import { wordsOf } from '../graphql/descriptions';

@ObjectType({ description: 'Where a page is in its list, for fetching the next or previous one (Relay cursor connections).' })
export class PageInfo {
  @Field({ description: 'Forward (first): whether more records follow (pass endCursor as `after`); backward (last): whether `before` was given.' }) hasNextPage: boolean;
  @Field({ description: 'Backward (last): whether more records precede (pass startCursor as `before`); forward (first): whether `after` was given.' }) hasPreviousPage: boolean;
  @Field(() => String, { nullable: true, description: 'Cursor of the first record of the page; null when the page is empty.' }) startCursor: string | null;
  @Field(() => String, { nullable: true, description: 'Cursor of the last record of the page; null when the page is empty.' }) endCursor: string | null;
}

@ArgsType()
export class ConnectionArgs {
  @Field(() => Int, { nullable: true, description: 'Page size going forward: 0 to 500, default 50; not with `last` (else BAD_USER_INPUT).' })
  first?: number | null;
  @Field(() => String, { nullable: true, description: 'Records after this cursor (an opaque string from this list, same order; else BAD_USER_INPUT, INVALID_CURSOR).' })
  after?: string | null;
  @Field(() => Int, { nullable: true, description: 'Page size going backward, from the end or from `before`: 0 to 500, default 50; not with `first` (else BAD_USER_INPUT).' })
  last?: number | null;
  @Field(() => String, { nullable: true, description: 'Records before this cursor (an opaque string from this list, same order; else BAD_USER_INPUT, INVALID_CURSOR).' })
  before?: string | null;
}

export interface Edge<T> {
  cursor: string;
  node: T;
}

export interface ConnectionShape<T> {
  edges: Edge<T>[];
  nodes: T[];
  pageInfo: PageInfo;
  /** A getter: the COUNT statement runs only when the client asks for totalCount. */
  readonly totalCount: Promise<number>;
}

/** Relay-style connection type for a node type: `<Name>Connection` with `<Name>Edge`. */
export function Connection<T extends object>(nodeType: ClassType<T>, name: string) {
  @ObjectType(`${name}Edge`, { description: `One ${wordsOf(name)} of a page, with its cursor.` })
  class EdgeType {
    @Field({ description: 'Opaque position of this record in the list, for `after` / `before`.' }) cursor: string;
    @Field(() => nodeType, { description: `The ${wordsOf(name)}.` }) node: T;
  }

  @ObjectType(`${name}Connection`, { description: `A page of a list of ${wordsOf(name)} records (Relay cursor connection, keyset paginated).` })
  class ConnectionType implements ConnectionShape<T> {
    @Field(() => [EdgeType], { description: 'The records of the page with their cursors, in list order.' }) edges: Edge<T>[];
    @Field(() => [nodeType], { description: 'The records of the page, in list order (edges without cursors).' }) nodes: T[];
    @Field(() => PageInfo, { description: 'Whether there are more pages, and the cursors to reach them.' }) pageInfo: PageInfo;
    @PromisedField()
    @Field(() => Int, { description: 'All records matching the filter (not just this page).' })
    readonly totalCount: Promise<number>;
  }
  return ConnectionType;
}

/** Complexity of a connection field: its selection times the page size asked for. */
export const connectionComplexity = ({ args, childComplexity }: { args: Record<string, unknown>; childComplexity: number }) =>
  childComplexity * Math.max(1, Number(args.first ?? args.last ?? 50));
