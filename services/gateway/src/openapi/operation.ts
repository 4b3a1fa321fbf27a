import { parseInput } from '@gomall/kit';
import Router, { type RouterMiddleware } from '@koa/router';
import type { Context, Middleware } from 'koa';
import type { z } from 'zod';
import { requireRole, requireUser } from '../routes/guards';

/**
 * Who may call an operation, enforced by the route and stated in the document from the same word:
 * - `anonymous`: never acts for a user; the Authorization header is not even read (auth/authenticate.ts).
 * - `public`: no token needed, but a token that is sent is checked (an invalid one is a 401).
 * - `user`: a valid access token (401 otherwise).
 * - `admin`: a valid access token with the admin role (401 without a token, 403 without the role).
 */
type Access = 'anonymous' | 'public' | 'user' | 'admin';

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

/** The error answers an operation can declare (the envelope of shared/api.md, see document.ts). */
export type ErrorStatus = 400 | 401 | 402 | 403 | 404 | 409 | 413 | 422 | 429 | 503;

/** A successful answer: its JSON body (none for 202-less 204/304) and the headers it carries. */
export interface Answer {
  description: string;
  schema?: z.ZodType;
  headers?: Record<string, { description: string; schema: z.ZodType }>;
}

type Fields = z.ZodObject | undefined;
type Body = z.ZodType | undefined;
type Parsed<S> = S extends z.ZodType ? z.output<S> : undefined;

/** What the handler receives: each declared part, parsed by its schema (400 before the handler). */
interface Input<P extends Fields, Q extends Fields, H extends Fields, B extends Body> {
  params: Parsed<P>;
  query: Parsed<Q>;
  headers: Parsed<H>;
  body: Parsed<B>;
}

/**
 * One public operation, declared once: the route serves it with exactly these schemas, and the
 * OpenAPI document (document.ts) is built from the same declaration.
 */
export interface Operation<
  P extends Fields = Fields,
  Q extends Fields = Fields,
  H extends Fields = Fields,
  B extends Body = Body,
> {
  method: Method;
  /** Relative to /api/v1, as @koa/router spells it: `/products/:id`. */
  path: string;
  operationId: string;
  tags: readonly string[];
  summary: string;
  description?: string;
  /** Set on operations beyond shared/api.md: `x-gomall-extension` in the document. */
  extension?: string;
  access: Access;
  params?: P;
  query?: Q;
  headers?: H;
  body?: B;
  /** A body that may be left out entirely (parsed as `{}` then). */
  bodyOptional?: boolean;
  /** Success answers by status. */
  answers: Record<number, Answer>;
  /**
   * Error answers beyond those every operation of its kind has (document.ts adds 400 when input
   * is validated, 401/403 from `access`, 429 and 503): `true` for the standard text, or a text of
   * its own.
   */
  errors?: Partial<Record<ErrorStatus, true | string>>;
  /** Answered by the gateway alone (no service is called, so no 503). */
  local?: boolean;
  /** Middleware that runs after the access check and before the input is parsed. */
  use?: Middleware[];
}

type Handler<P extends Fields, Q extends Fields, H extends Fields, B extends Body> = (
  ctx: Context,
  input: Input<P, Q, H, B>,
) => unknown;

function accessCheck(access: Access): Middleware[] {
  if (access === 'user') return [requireUser()];
  if (access === 'admin') return [requireRole('admin')];
  return [];
}

/**
 * The routes of one area of the API and their declarations. Each route is added with add(): its
 * access check, its input parsing (params, query, headers, body — in that order) and its handler.
 */
export class ApiRoutes {
  readonly router = new Router();
  readonly operations: Operation[] = [];

  add<
    P extends Fields = undefined,
    Q extends Fields = undefined,
    H extends Fields = undefined,
    B extends Body = undefined,
  >(operation: Operation<P, Q, H, B>, handler: Handler<P, Q, H, B>): void {
    const serve: RouterMiddleware = async (ctx) => {
      const { params, query, headers, body } = operation;
      const request = ctx.request as { body?: unknown };
      const input = {
        params: params && parseInput(params, ctx.params, 'params'),
        query: query && parseInput(query, ctx.query, 'query'),
        headers: headers && parseInput(headers, ctx.headers, 'headers'),
        body:
          body &&
          parseInput(body, operation.bodyOptional ? (request.body ?? {}) : request.body, 'body'),
      } as Input<P, Q, H, B>;
      await handler(ctx, input);
    };
    const middleware = [...accessCheck(operation.access), ...(operation.use ?? []), serve];
    this.router.register(operation.path, [operation.method.toUpperCase()], middleware);
    this.operations.push(operation);
  }
}
