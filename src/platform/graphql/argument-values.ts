import type { GraphQLDirective, GraphQLField, DirectiveNode, FieldNode } from 'graphql';
// A namespace import of a CommonJS module marked __esModule is the module's own exports object (TypeScript's and
// swc's interop both return it as is), so assigning to it replaces what graphql-js's executor calls.
import * as values from 'graphql/execution/values';

/**
 * graphql-js computes a field's arguments anew for every field of every row, even for a field that takes none:
 * two dictionary-mode objects per call (`getArgumentValues`; its own source says "TODO: find a way to memoize,
 * in case this field is within a List type"). Measured by `npm run bench:profile` with HEAP_PROFILE on the
 * account page, that was a sixth of all a request allocates, and allocation feeds the garbage collector (a fifth
 * of the page's CPU).
 *
 * A field without arguments gets one shared, frozen empty object instead; any other field or directive is
 * computed as before. graphql-js's executor calls the function through its module's exports (CommonJS), so
 * replacing the export once, at load, is what it sees. Validation has already refused arguments a field does
 * not define before execution starts, so the answer for an argument-less field is always `{}`.
 */
type ArgumentValues = (
  def: GraphQLField<unknown, unknown> | GraphQLDirective,
  node: FieldNode | DirectiveNode,
  variableValues?: Record<string, unknown> | null,
) => Record<string, unknown>;

const NO_ARGUMENTS: Record<string, unknown> = Object.freeze(Object.create(null) as Record<string, unknown>);
const exported = values as unknown as { getArgumentValues: ArgumentValues & { sharesEmptyArguments?: true } };

export function shareEmptyArgumentValues(): void {
  if (exported.getArgumentValues.sharesEmptyArguments) return;
  const computed = exported.getArgumentValues;
  const shared: ArgumentValues & { sharesEmptyArguments?: true } = (def, node, variableValues) =>
    def.args.length === 0 ? NO_ARGUMENTS : computed(def, node, variableValues);
  shared.sharesEmptyArguments = true;
  exported.getArgumentValues = shared;
}
