import { extendProjection, type Projection, type RecordProjection } from '../data/lean-rows';
import { getNamedType, isObjectType, type FieldNode, type FragmentDefinitionNode, type GraphQLObjectType, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';

/** The names of the fields a client selected on a record type (for the lean read path: only their columns). */
export type SelectedFields = ReadonlySet<string>;

/** Where the record sits under the resolved field: the field's own type, or a connection's `nodes` / `edges.node`. */
export type SelectionShape = 'record' | 'connection';

/**
 * Field names selected on the records a field returns, fragments and inline fragments included (their type
 * conditions and `@skip` / `@include` are not evaluated: a superset is always safe). The answer depends only on
 * the document: memoized (see `memoized`).
 */
export function selectedFields(info: GraphQLResolveInfo, shape: SelectionShape): SelectedFields {
  return memoized(info, shape, () => collect(recordNodes(info.fieldNodes, info.fragments, shape), info.fragments));
}

/**
 * Field names selected under `field` of the records a field returns (an account page's `contacts { ... }`): what
 * an embedded read of that field loads. Null when `field` is not selected. Memoized like selectedFields.
 */
export function selectedChildFields(info: GraphQLResolveInfo, shape: SelectionShape, field: string): SelectedFields | null {
  return memoized(info, `${shape}>${field}`, () => {
    const children = childNodesOf(info, shape, field);
    return children.length ? collect(children, info.fragments) : null;
  });
}

/** Plain fields selected, in order, without repeats: a leaf's name, or an object field with its own plain selection. */
export type PlainSelection = readonly (string | { readonly field: string; readonly selection: PlainSelection })[];

/**
 * The selection under `field` of the records a field returns when it is plain throughout (no alias, argument,
 * directive, fragment or `__typename`, an object field at most once) and the same wherever `field` is selected.
 * Null otherwise, or when `field` is not selected. What a prebuilt JSON list (prebuilt-json.ts) needs: the
 * response's keys are then the field names, in this order. Memoized.
 */
export function plainChildSelection(info: GraphQLResolveInfo, shape: SelectionShape, field: string): PlainSelection | null {
  return memoized(info, `plain:${shape}>${field}`, () => {
    let selection: PlainSelection | null = null;
    for (const child of childNodesOf(info, shape, field)) {
      const found = child.directives?.length ? null : plainSelectionOf(child);
      if (!found || (selection && JSON.stringify(selection) !== JSON.stringify(found))) return null;
      selection = found;
    }
    return selection;
  });
}

/**
 * What `prebuiltList` (data/embedded-reads.ts) takes for `field` of the records a field returns: its plain
 * selection and the GraphQL type of its items (read off the schema), or null when the selection is not plain.
 */
export function prebuiltSelectionOf(info: GraphQLResolveInfo, shape: SelectionShape, field: string): { type: GraphQLObjectType; selection: PlainSelection } | null {
  const selection = plainChildSelection(info, shape, field);
  if (!selection) return null;
  let record = getNamedType(info.returnType);
  if (shape === 'connection' && isObjectType(record)) record = getNamedType(record.getFields().nodes?.type);
  const type = isObjectType(record) ? getNamedType(record.getFields()[field]?.type) : undefined;
  return isObjectType(type) ? { type, selection } : null;
}

/** The `field` nodes under the records a field returns (the field's own, or its connection's nodes), through fragments. */
function childNodesOf(info: GraphQLResolveInfo, shape: SelectionShape, field: string): FieldNode[] {
  const records = recordNodes(info.fieldNodes, info.fragments, shape);
  return records.flatMap((record) => (record.selectionSet ? childFields(record.selectionSet, info.fragments, field) : []));
}

function plainSelectionOf(node: FieldNode): PlainSelection | null {
  if (!node.selectionSet) return null;
  const selection: (string | { field: string; selection: PlainSelection })[] = [];
  const names = new Set<string>();
  for (const child of node.selectionSet.selections) {
    if (child.kind !== 'Field' || child.alias || child.arguments?.length || child.directives?.length) return null;
    const name = child.name.value;
    if (name.startsWith('__')) return null;
    if (!child.selectionSet) {
      if (!names.has(name)) selection.push(name);
    } else {
      const nested = plainSelectionOf(child);
      if (!nested || names.has(name)) return null; // GraphQL would merge the two selections: not worth it here
      selection.push({ field: name, selection: nested });
    }
    names.add(name);
  }
  return selection;
}

/** Whether a connection field's selection asks for `totalCount` (then read with the page). */
export function selectsTotalCount(info: GraphQLResolveInfo): boolean {
  return memoized(info, 'totalCount', () =>
    info.fieldNodes.some((node) => node.selectionSet !== undefined && childFields(node.selectionSet, info.fragments, 'totalCount').length > 0),
  );
}

/**
 * What a lean page of `record` reads for this connection field: the selected columns, and the total count in the
 * page's statement when `totalCount` is selected (pagination/keyset.ts). Embedded lists are the domain's to add.
 */
export function pageProjectionOf(record: RecordProjection, info: GraphQLResolveInfo): Projection {
  return extendProjection(record.of(selectedFields(info, 'connection')), { total: selectsTotalCount(info) });
}

/**
 * A question about the selection, answered once per document. graphql-js hands the same `fieldNodes` array to every
 * item of a list (50 accounts asking for their contacts ask once); a root field's fieldNodes are collected anew per
 * request, but Apollo hands the same cached document (and operation node) to every request of the same query
 * text, so root fields are memoized on the operation.
 */
function memoized<V>(info: GraphQLResolveInfo, question: string, answer: () => V): V {
  const owner: object = info.path.prev ? info.fieldNodes : info.operation;
  const key = info.path.prev ? question : `${info.path.key}:${question}`;
  let answers = questionMemo.get(owner);
  if (!answers) questionMemo.set(owner, (answers = new Map()));
  if (!answers.has(key)) answers.set(key, answer());
  return answers.get(key) as V;
}
const questionMemo = new WeakMap<object, Map<string, unknown>>();

/** The field nodes that select the records themselves: the field, or its connection's `nodes` and `edges.node`. */
function recordNodes(fieldNodes: readonly FieldNode[], fragments: Fragments, shape: SelectionShape): FieldNode[] {
  if (shape === 'record') return [...fieldNodes];
  return fieldNodes.flatMap((node) => {
    if (!node.selectionSet) return [];
    const nodes = childFields(node.selectionSet, fragments, 'nodes');
    const edges = childFields(node.selectionSet, fragments, 'edges').flatMap((edge) => (edge.selectionSet ? childFields(edge.selectionSet, fragments, 'node') : []));
    return [...nodes, ...edges];
  });
}


type Fragments = Record<string, FragmentDefinitionNode>;

/** The names selected on these record nodes. */
function collect(records: readonly FieldNode[], fragments: Fragments): Set<string> {
  const names = new Set<string>();
  for (const record of records) if (record.selectionSet) namesIn(record.selectionSet, fragments, names);
  return names;
}

/** Every field node named `name` in a selection set, through fragments. */
function childFields(selectionSet: SelectionSetNode, fragments: Fragments, name: string, seen = new Set<string>()): FieldNode[] {
  const found: FieldNode[] = [];
  for (const selection of selectionSet.selections) {
    if (selection.kind === 'Field') {
      if (selection.name.value === name) found.push(selection);
    } else if (selection.kind === 'InlineFragment') {
      found.push(...childFields(selection.selectionSet, fragments, name, seen));
    } else if (!seen.has(selection.name.value)) {
      seen.add(selection.name.value);
      const fragment = fragments[selection.name.value];
      if (fragment) found.push(...childFields(fragment.selectionSet, fragments, name, seen));
    }
  }
  return found;
}

function namesIn(selectionSet: SelectionSetNode, fragments: Fragments, names: Set<string>, seen = new Set<string>()): void {
  for (const selection of selectionSet.selections) {
    if (selection.kind === 'Field') names.add(selection.name.value);
    else if (selection.kind === 'InlineFragment') namesIn(selection.selectionSet, fragments, names, seen);
    else if (!seen.has(selection.name.value)) {
      seen.add(selection.name.value);
      const fragment = fragments[selection.name.value];
      if (fragment) namesIn(fragment.selectionSet, fragments, names, seen);
    }
  }
}
