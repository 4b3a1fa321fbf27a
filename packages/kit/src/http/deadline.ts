import type { Context, Middleware } from 'koa';
import { currentContext } from '../context';
import { unavailable } from '../errors';

/**
 * The time a caller still gives a request, in milliseconds, on every internal call: a relative
 * budget rather than a timestamp, so the services' clocks never need to agree.
 */
export const DEADLINE_HEADER = 'x-gomall-deadline-ms';

/** A request that names no budget (an internal caller without one, a probe) gets this much. */
export const DEFAULT_REQUEST_TIMEOUT_MS = 15_000;
const MAX_BUDGET_MS = 60_000;
/** Taken off the budget passed on, so a callee gives up (and says so) before its caller does. */
const HANDOVER_MARGIN_MS = 100;

export type RequestTimeout = number | ((ctx: Context) => number);

/** The budget a caller sent, if it is a sane number of milliseconds. */
export function parseBudget(value: string | string[] | undefined): number | undefined {
  const text = Array.isArray(value) ? value[0] : value;
  if (text === undefined || !/^\d{1,6}$/.test(text)) return undefined;
  const budget = Number(text);
  return budget >= 1 ? Math.min(budget, MAX_BUDGET_MS) : undefined;
}

/** Milliseconds left before the current request's deadline (undefined outside a request). */
export function remainingBudget(now = Date.now()): number | undefined {
  const deadline = currentContext()?.deadline;
  return deadline === undefined ? undefined : deadline - now;
}

/** What to send a callee: the time left, less a margin, at least 1 ms. */
export function budgetToPass(remaining: number): number {
  return Math.max(1, Math.floor(remaining - HANDOVER_MARGIN_MS));
}

/**
 * Gives every request a deadline — its own timeout, or sooner when the caller's budget says so —
 * and answers 503 UNAVAILABLE when it passes, whatever the handler is still waiting on (a hung
 * database, a callee that does not answer). The handler's late result is dropped; outgoing calls
 * made under this request carry what is left of the budget (ServiceInvoker).
 */
export function requestDeadline(timeout: RequestTimeout = DEFAULT_REQUEST_TIMEOUT_MS): Middleware {
  return async (ctx, next) => {
    const own = typeof timeout === 'function' ? timeout(ctx) : timeout;
    const budget = Math.min(own, parseBudget(ctx.headers[DEADLINE_HEADER]) ?? own);
    const context = currentContext();
    if (context) context.deadline = Date.now() + budget;
    let timer: NodeJS.Timeout | undefined;
    const expired = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(unavailable('The request ran out of time; try again')),
        budget,
      );
    });
    const handled = next();
    // A handler that fails after the deadline has been answered must not become an unhandled
    // rejection.
    handled.catch(() => undefined);
    try {
      await Promise.race([handled, expired]);
    } finally {
      clearTimeout(timer);
    }
  };
}
