import type { z } from 'zod';
import { BadUserInputError, type FieldProblem } from '../errors/errors';

/**
 * Validates a service's input with a zod schema. Problems become one BAD_USER_INPUT error listing every
 * offending field as `input.<path>`, before anything is written.
 */
export function parseInput<T extends z.ZodType>(schema: T, input: unknown, root = 'input'): z.output<T> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw new BadUserInputError(problemsOf(result.error, root));
}

/** zod issues as field problems (`input.<path>`). */
export const problemsOf = (error: z.ZodError, root = 'input'): FieldProblem[] =>
  error.issues.map((issue) => ({ path: [root, ...issue.path.map(String)].join('.'), message: issue.message }));

/** Problems reported under `input.` moved under another root (a command run as part of a larger one, e.g. `input.account.new`). */
export const rooted = (problems: FieldProblem[], root: string): FieldProblem[] =>
  root === 'input' ? problems : problems.map((p) => ({ ...p, path: p.path === 'input' ? root : p.path.replace(/^input\./, `${root}.`) }));
