import type { Context } from 'koa';
import { validationFailed } from '../errors';

/**
 * The header that makes a mutating internal call safe to repeat: the callee answers a second
 * request with the same key as a replay of the first (see db/idempotency.ts), so a retry — by
 * daprd after a connection error, by a saga after a crash — never does the work twice. The one
 * name, used by the invoker (`InvokeOptions.idempotencyKey`) and by every callee.
 */
export const IDEMPOTENCY_KEY_HEADER = 'idempotency-key';

// Keys are ids (order id, saga step id, a UUID per call): plain and short, safe in logs.
const SANE_KEY = /^[A-Za-z0-9._:@/-]{1,255}$/;

/**
 * A key built from what identifies one effect, e.g. `idempotencyKey('reserve', orderId)` or
 * `idempotencyKey(sagaId, 'charge', attempt)`: the same parts always give the same key.
 */
export function idempotencyKey(...parts: Array<string | number>): string {
  const key = parts.map(String).join(':');
  if (!SANE_KEY.test(key)) throw new Error(`not a valid idempotency key: ${key}`);
  return key;
}

/** The request's idempotency key; undefined when none was sent, 400 when it is malformed. */
export function idempotencyKeyOf(ctx: Pick<Context, 'get'>): string | undefined {
  const value = ctx.get(IDEMPOTENCY_KEY_HEADER);
  if (value === '') return undefined;
  if (!SANE_KEY.test(value)) {
    throw validationFailed('Invalid request headers', [
      { path: `headers.${IDEMPOTENCY_KEY_HEADER}`, message: 'must be 1..255 plain characters' },
    ]);
  }
  return value;
}
