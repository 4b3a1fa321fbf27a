import { DatabaseError, UniqueConstraintError, type Sequelize, type Transaction } from 'sequelize';

// MariaDB's "deadlock found" and "lock wait timeout": the transaction was rolled back whole and is
// safe to run again.
const RETRYABLE_ERRNOS = new Set([1213, 1205]);
const MAX_ATTEMPTS = 4;

function isRetryable(error: unknown): boolean {
  // Two first-time reservations of one order racing: the loser sees the winner's rows on retry.
  if (error instanceof UniqueConstraintError) return true;
  if (!(error instanceof DatabaseError)) return false;
  const errno = (error.parent as { errno?: number } | undefined)?.errno;
  return errno !== undefined && RETRYABLE_ERRNOS.has(errno);
}

/** Runs `work` in one transaction, again (with a short jittered pause) when it lost a lock race. */
export async function inTransaction<T>(
  sequelize: Sequelize,
  work: (transaction: Transaction) => Promise<T>,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await sequelize.transaction(work);
    } catch (error) {
      if (attempt >= MAX_ATTEMPTS || !isRetryable(error)) throw error;
      await new Promise((r) => setTimeout(r, 10 * attempt + Math.random() * 20));
    }
  }
}
