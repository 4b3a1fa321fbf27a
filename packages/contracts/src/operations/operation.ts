import type { z } from 'zod';

export type OperationMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * One call a service answers to another, as data: the callee's route (koa-router style, each
 * `:name` segment filled with the call's URI-encoded path parameter), the schema of its body and
 * query when it takes them, and of its answer when the caller reads one. The kit's
 * `ServiceInvoker.invoke` makes the call; callers never spell a method, path or schema again.
 */
export interface Operation {
  readonly method: OperationMethod;
  readonly path: string;
  readonly body?: z.ZodType;
  readonly query?: z.ZodType;
  readonly answer?: z.ZodType;
}

/** `{ id: string }` for `/orders/:id/mark-paid`; `unknown` for a path without parameters. */
export type PathParams<Path extends string> = Path extends `${string}:${infer Name}/${infer Rest}`
  ? { [Key in Name]: string } & PathParams<Rest>
  : Path extends `${string}:${infer Name}`
    ? { [Key in Name]: string }
    : unknown;
