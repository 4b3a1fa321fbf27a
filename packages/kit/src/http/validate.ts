import type { z } from 'zod';
import { validationFailed } from '../errors';

export interface FieldProblem {
  path: string;
  message: string;
}

/** zod's issues as the `details` of a 400: where (`body.quantity`) and what is wrong. */
export function describeIssues(where: string, error: z.ZodError): FieldProblem[] {
  return error.issues.map((issue) => ({
    path: [where, ...issue.path.map(String)].join('.'),
    message: issue.message,
  }));
}

/**
 * Validates one part of a request at the boundary. Body schemas are strict objects, so unknown
 * fields are refused rather than silently dropped.
 */
export function parseInput<Schema extends z.ZodType>(
  schema: Schema,
  value: unknown,
  where: 'body' | 'query' | 'params' | 'headers',
): z.infer<Schema> {
  const result = schema.safeParse(value);
  if (!result.success) {
    throw validationFailed(`Invalid request ${where}`, describeIssues(where, result.error));
  }
  return result.data;
}
