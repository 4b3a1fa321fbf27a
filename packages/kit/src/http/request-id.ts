import { randomUUID } from 'node:crypto';
import type { Middleware } from 'koa';
import { runWithContext } from '../context';
import { activeSpan } from '../tracing/setup';

export const REQUEST_ID_HEADER = 'x-request-id';
/**
 * Identity headers the gateway sets after verifying a token; services believe them only on a
 * request that carries their Dapr app token (app-token.ts).
 */
export const USER_ID_HEADER = 'x-gomall-user-id';
export const USER_ROLES_HEADER = 'x-gomall-user-roles';

// A client-sent id is echoed only when it is short and plain, so it is safe in logs and headers.
const SANE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

function pickRequestId(incoming: string | string[] | undefined): string {
  const value = Array.isArray(incoming) ? incoming[0] : incoming;
  return value !== undefined && SANE_REQUEST_ID.test(value) ? value : randomUUID();
}

/**
 * Gives every request an id, answers it in `X-Request-Id`, and opens the request context. The
 * caller identity is filled in later, and only for a request that proves it came through Dapr.
 */
export function requestContext(): Middleware {
  return async (ctx, next) => {
    const requestId = pickRequestId(ctx.headers[REQUEST_ID_HEADER]);
    ctx.state.requestId = requestId;
    ctx.set('X-Request-Id', requestId);
    const span = activeSpan();
    span?.setAttribute('gomall.request_id', requestId);
    try {
      await runWithContext({ requestId }, next);
    } finally {
      // The server span is named by its route (`POST /checkout`), not by the raw path with ids.
      if (ctx._matchedRoute) span?.updateName(`${ctx.method} ${String(ctx._matchedRoute)}`);
    }
  };
}
