import { ApolloArmor } from '@escape.tech/graphql-armor';
import {
  getArgumentValues,
  getDirectiveValues,
  getNamedType,
  getVariableValues,
  GraphQLIncludeDirective,
  GraphQLSkipDirective,
  isAbstractType,
  isCompositeType,
  Kind,
  SchemaMetaFieldDef,
  TypeMetaFieldDef,
  TypeNameMetaFieldDef,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLError,
  type GraphQLField,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionNode,
  type SelectionSetNode,
  type ValueNode,
  type ValidationContext,
  type ValidationRule,
} from 'graphql';
import { fieldExtensionsEstimator, simpleEstimator, type ComplexityEstimator } from 'graphql-query-complexity';
import { QueryTooComplexError } from '../errors/errors';

/** Bounds every operation must keep, over HTTP and WebSocket alike (README "Configuration"). */
export interface OperationLimits {
  maxDepth: number;
  maxComplexity: number;
  maxAliases: number;
  maxDirectives: number;
  /** Lexical tokens of the query text: graphql-js stops parsing past it (`parse(source, { maxTokens })`). */
  maxTokens: number;
}

/**
 * A graphql-armor rejection as QUERY_TOO_COMPLEX, reported to the validation context (a 400 over HTTP) rather than
 * thrown. Armor's message ("... limit of N exceeded, found M.") carries the count found.
 */
const refuseAs =
  (measure: 'depth' | 'aliases' | 'directives', max: number) =>
  (context: ValidationContext | null, error: GraphQLError): void => {
    const found = Number(/found (\d+)/.exec(error.message)?.[1] ?? Number.NaN);
    const maxKey = `max${measure[0].toUpperCase()}${measure.slice(1)}`;
    const message = `Query ${measure} ${Number.isNaN(found) ? '' : `${found} `}exceeds the maximum of ${max}`;
    context?.reportError(new QueryTooComplexError(message, Number.isNaN(found) ? { [maxKey]: max } : { [measure]: found, [maxKey]: max }));
  };

/**
 * Validation rules from graphql-armor for depth, aliases and directives. Each walks every fragment once
 * (armor memoizes fragments per document), so their cost is linear in the query text even for fragment fan-outs.
 * Depth counts fields only (`flattenFragments`: a spread is not a level); `__schema` introspection is not counted.
 * Armor's cost limit is not used: its model (objects 2, scalars 1, a 1.5 factor per level, only literal `first`)
 * is not the one documented in the README; see `operationComplexity`.
 */
export function limitValidationRules(limits: OperationLimits): ValidationRule[] {
  const rejectOnly = { propagateOnRejection: false, exposeLimits: true };
  const armor = new ApolloArmor({
    maxDepth: { n: limits.maxDepth, flattenFragments: true, ...rejectOnly, onReject: [refuseAs('depth', limits.maxDepth)] },
    maxAliases: { n: limits.maxAliases, ...rejectOnly, onReject: [refuseAs('aliases', limits.maxAliases)] },
    maxDirectives: { n: limits.maxDirectives, ...rejectOnly, onReject: [refuseAs('directives', limits.maxDirectives)] },
    // Tokens: graphql-js's own `maxTokens` parse option. Suggestions: Apollo's hideSchemaDetailsFromClientErrors.
    maxTokens: { enabled: false },
    costLimit: { enabled: false },
    blockFieldSuggestion: { enabled: false },
  });
  return (armor.protect().validationRules ?? []) as ValidationRule[];
}

function fieldOf(type: GraphQLCompositeType, name: string): GraphQLField<unknown, unknown> | undefined {
  if (name === SchemaMetaFieldDef.name) return SchemaMetaFieldDef;
  if (name === TypeMetaFieldDef.name) return TypeMetaFieldDef;
  if (name === TypeNameMetaFieldDef.name) return TypeNameMetaFieldDef;
  return 'getFields' in type ? type.getFields()[name] : undefined;
}

const ESTIMATORS: ComplexityEstimator[] = [fieldExtensionsEstimator(), simpleEstimator({ defaultComplexity: 1 })];

/**
 * Cost of an operation with graphql-query-complexity's estimators (each field costs 1 plus its selection; connection
 * fields multiply their selection by `first`, see `connectionComplexity`), over the possible types of abstract
 * selections taking the costliest. Unlike that library's getComplexity, which walks a fragment again at every spread
 * (exponential for `fragment F1 { ...F0 ...F0 } fragment F2 { ...F1 ...F1 } …`), each fragment's cost is computed
 * once per operation and reused, so the walk is linear in the query text.
 */
export function operationComplexity(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  fragments: ReadonlyMap<string, FragmentDefinitionNode>,
  variableValues: Record<string, unknown>,
): number {
  const fragmentCosts = new Map<string, number>();
  const walking = new Set<string>(); // cycles are refused by validation; this only keeps the walk finite

  const included = (selection: SelectionNode): boolean => {
    if (!selection.directives?.length) return true;
    if (getDirectiveValues(GraphQLSkipDirective, selection, variableValues)?.if === true) return false;
    return getDirectiveValues(GraphQLIncludeDirective, selection, variableValues)?.if !== false;
  };

  const typeNamesOf = (type: GraphQLCompositeType): string[] =>
    isAbstractType(type) ? schema.getPossibleTypes(type).map((possible) => possible.name) : [type.name];

  const fragmentCost = (name: string): number => {
    const known = fragmentCosts.get(name);
    if (known !== undefined) return known;
    const fragment = fragments.get(name);
    const type = fragment && schema.getType(fragment.typeCondition.name.value);
    if (!fragment || !isCompositeType(type) || walking.has(name)) return 0;
    walking.add(name);
    const cost = selectionSetCost(fragment.selectionSet, type);
    walking.delete(name);
    fragmentCosts.set(name, cost);
    return cost;
  };

  function selectionSetCost(selectionSet: SelectionSetNode, type: GraphQLCompositeType): number {
    const costByType = new Map<string, number>();
    const add = (cost: number, typeNames: string[]) => {
      for (const typeName of typeNames) costByType.set(typeName, (costByType.get(typeName) ?? 0) + cost);
    };
    for (const selection of selectionSet.selections) {
      if (!included(selection)) continue;
      if (selection.kind === Kind.FIELD) {
        const field = fieldOf(type, selection.name.value);
        if (!field) continue; // unknown fields are refused by validation
        const fieldType = getNamedType(field.type);
        const childComplexity =
          selection.selectionSet && isCompositeType(fieldType) ? selectionSetCost(selection.selectionSet, fieldType) : 0;
        const args = getArgumentValues(field, selection, variableValues);
        const estimatorArgs = { childComplexity, args, field, node: selection, type, context: undefined };
        const cost = ESTIMATORS.map((estimate) => estimate(estimatorArgs)).find((value) => typeof value === 'number' && !Number.isNaN(value));
        add(cost ?? childComplexity + 1, typeNamesOf(type));
      } else {
        const conditionName = selection.kind === Kind.FRAGMENT_SPREAD ? fragments.get(selection.name.value)?.typeCondition.name.value : selection.typeCondition?.name.value;
        const conditionType = conditionName ? schema.getType(conditionName) : type;
        if (!isCompositeType(conditionType)) continue;
        const cost = selection.kind === Kind.FRAGMENT_SPREAD ? fragmentCost(selection.name.value) : selectionSetCost(selection.selectionSet, conditionType);
        add(cost, typeNamesOf(conditionType));
      }
    }
    return Math.max(0, ...costByType.values());
  }

  const rootType = schema.getRootType(operation.operation);
  return rootType ? selectionSetCost(operation.selectionSet, rootType) : 0;
}

/** Adds the names of the variables used anywhere in these argument values. */
function collectVariables(nodes: readonly { value: ValueNode }[] | undefined, into: Set<string>): void {
  const visit = (value: ValueNode): void => {
    if (value.kind === Kind.VARIABLE) into.add(value.name.value);
    else if (value.kind === Kind.LIST) value.values.forEach(visit);
    else if (value.kind === Kind.OBJECT) value.fields.forEach((field) => visit(field.value));
  };
  for (const node of nodes ?? []) visit(node.value);
}

/**
 * The variables an operation's cost can depend on, whatever their values: those of every @skip/@include (skipped
 * selections included) and those of the arguments of fields with a complexity function (a number or the default
 * estimate reads no argument). A field of an unknown type counts all its arguments.
 */
function costVariables(schema: GraphQLSchema, operation: OperationDefinitionNode, fragments: ReadonlyMap<string, FragmentDefinitionNode>): string[] {
  const read = new Set<string>();
  const walked = new Set<string>();
  const compositeNamed = (name: string | undefined): GraphQLCompositeType | undefined => {
    const type = name ? schema.getType(name) : undefined;
    return isCompositeType(type) ? type : undefined;
  };
  const walk = (selectionSet: SelectionSetNode, type: GraphQLCompositeType | undefined): void => {
    for (const selection of selectionSet.selections) {
      for (const directive of selection.directives ?? []) collectVariables(directive.arguments, read);
      if (selection.kind === Kind.FIELD) {
        const field = type && fieldOf(type, selection.name.value);
        if (!field || typeof field.extensions?.complexity === 'function') collectVariables(selection.arguments, read);
        const fieldType = field && getNamedType(field.type);
        if (selection.selectionSet) walk(selection.selectionSet, fieldType && isCompositeType(fieldType) ? fieldType : undefined);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        walk(selection.selectionSet, selection.typeCondition ? compositeNamed(selection.typeCondition.name.value) : type);
      } else if (!walked.has(selection.name.value)) {
        walked.add(selection.name.value);
        const fragment = fragments.get(selection.name.value);
        if (fragment) walk(fragment.selectionSet, compositeNamed(fragment.typeCondition.name.value));
      }
    }
  };
  walk(operation.selectionSet, schema.getRootType(operation.operation) ?? undefined);
  return [...read].sort();
}

/** Past this many distinct variable values of the cost, a document's remembered costs start over. */
const MAX_COSTS_PER_OPERATION = 100;

/** What is remembered of one operation of a parsed document (Apollo hands the same DocumentNode for the same text). */
interface OperationCostPlan {
  schema: GraphQLSchema;
  operation: OperationDefinitionNode | undefined;
  fragments: Map<string, FragmentDefinitionNode>;
  /** The variables the cost depends on (`costVariables`). */
  variablesRead: string[];
  /** Cost by the JSON of those variables' coerced values; null: not computable (the executor reports why). */
  costs: Map<string, number | null>;
}

const plans = new WeakMap<DocumentNode, Map<string, OperationCostPlan>>();

function planOf(schema: GraphQLSchema, document: DocumentNode, operationName: string | null | undefined): OperationCostPlan {
  let byName = plans.get(document);
  if (!byName) plans.set(document, (byName = new Map()));
  const known = byName.get(operationName ?? '');
  if (known && known.schema === schema) return known;
  const fragments = new Map<string, FragmentDefinitionNode>();
  const operations: OperationDefinitionNode[] = [];
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
    if (definition.kind === Kind.OPERATION_DEFINITION) operations.push(definition);
  }
  const operation = operationName ? operations.find((op) => op.name?.value === operationName) : operations[0];
  const variablesRead = operation ? costVariables(schema, operation, fragments) : [];
  const plan: OperationCostPlan = { schema, operation, fragments, variablesRead, costs: new Map() };
  byName.set(operationName ?? '', plan);
  return plan;
}

/**
 * Refuses an operation costlier than `maxComplexity` before it executes (HTTP and WebSocket alike). Depth, aliases,
 * directives and tokens are checked earlier, by parsing and validation; the cost needs the variables (`first: $n`).
 * The cost depends only on the document and the few variables it reads (`first`, @skip/@include): it is computed
 * once per parsed document and such values, not on every request.
 */
export function assertWithinComplexity(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | null | undefined,
  variables: Record<string, unknown> | null | undefined,
  limits: Pick<OperationLimits, 'maxComplexity'>,
): void {
  const plan = planOf(schema, document, operationName);
  const { operation } = plan;
  if (!operation) return;
  // Bad variables are reported by the executor as BAD_USER_INPUT; the cost needs valid ones.
  const coerced = operation.variableDefinitions?.length ? getVariableValues(schema, operation.variableDefinitions, variables ?? {}) : { coerced: {} };
  if (coerced.errors) return;
  const values = coerced.coerced;
  // `[value]` or `[]` when absent: an absent variable (the argument's default) is not a null one.
  const key = plan.variablesRead.length ? JSON.stringify(plan.variablesRead.map((name) => (name in values ? [values[name]] : []))) : '';
  let complexity = plan.costs.get(key);
  if (complexity === undefined) {
    try {
      complexity = operationComplexity(schema, operation, plan.fragments, coerced.coerced);
    } catch {
      complexity = null; // a bad argument value: the executor reports it as BAD_USER_INPUT
    }
    if (plan.costs.size >= MAX_COSTS_PER_OPERATION) plan.costs.clear();
    plan.costs.set(key, complexity);
  }
  if (complexity !== null && complexity > limits.maxComplexity) {
    throw new QueryTooComplexError(`Query complexity ${complexity} exceeds the maximum of ${limits.maxComplexity}`, {
      complexity,
      maxComplexity: limits.maxComplexity,
    });
  }
}
