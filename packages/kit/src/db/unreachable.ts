import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from '../logger';

/** Network errors that mean "the database is not reachable yet", not "the database said no". */
const UNREACHABLE = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'PROTOCOL_CONNECTION_LOST',
]);

/** Whether an error (or what it wraps: Sequelize's `parent`/`original`, `cause`) is one of those. */
export function isUnreachable(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== 'object' || depth > 4) return false;
  const { code, parent, original, cause } = error as Record<string, unknown>;
  if (typeof code === 'string' && UNREACHABLE.has(code)) return true;
  return [parent, original, cause].some((inner) => isUnreachable(inner, depth + 1));
}

/**
 * Sequelize's errors for "no connection to be had": refused, timed out, host unknown or away, the
 * pool's wait for a free connection ran out. Access denied is left out on purpose: a wrong
 * password is a misconfiguration, not an outage.
 */
const CONNECTION_FAILURES = new Set([
  'SequelizeConnectionError',
  'SequelizeConnectionRefusedError',
  'SequelizeConnectionTimedOutError',
  'SequelizeHostNotFoundError',
  'SequelizeHostNotReachableError',
  'SequelizeConnectionAcquireTimeoutError',
  'SequelizeInvalidConnectionError',
]);

/**
 * Whether a request failed because the database could not be reached (no connection, or one lost
 * mid-query): a dependency that is away, answered 503 UNAVAILABLE like any other, never a 500.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  if (!error || typeof error !== 'object') return false;
  return (
    CONNECTION_FAILURES.has((error as { name?: unknown }).name as string) || isUnreachable(error)
  );
}

/**
 * Runs `operation` again while the database is unreachable, backing off from 1 s to 10 s, until
 * `deadlineMs` has passed; any other error ends it at once. For work that is safe to repeat (a
 * migration run: every step is recorded and skipped once done), started while the database may
 * still be starting or slow (a migration Job beside a new MariaDB pod, a busy node).
 */
export async function whileUnreachable<T>(
  operation: () => Promise<T>,
  logger: Logger,
  deadlineMs: number,
  pause: (ms: number) => Promise<unknown> = sleep,
): Promise<T> {
  const giveUpAt = Date.now() + deadlineMs;
  for (let attempt = 1, waitMs = 1000; ; attempt += 1, waitMs = Math.min(waitMs * 2, 10_000)) {
    try {
      return await operation();
    } catch (error) {
      if (!isUnreachable(error) || Date.now() + waitMs > giveUpAt) throw error;
      logger.warn({ err: error, attempt, retryInMs: waitMs }, 'database unreachable; retrying');
      await pause(waitMs);
    }
  }
}
