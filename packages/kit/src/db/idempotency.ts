import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { DataTypes, QueryTypes, type Sequelize, type Transaction } from 'sequelize';
import { z } from 'zod';
import { AppError, unavailable } from '../errors';
import { IDEMPOTENCY_KEY_HEADER } from '../http/idempotency-key';
import type { Logger } from '../logger';
import type { Migration } from './database';

export const IDEMPOTENCY_TABLE = 'idempotent_requests';

/** Add to a service's migrations to let its mutating routes replay a repeated request. */
export const createIdempotencyTable = (name = '0000-create-idempotent-requests'): Migration => ({
  name,
  async up({ context: sequelize }) {
    const q = sequelize.getQueryInterface();
    await q.createTable(IDEMPOTENCY_TABLE, {
      // sha256 of scope and key: the key itself is not stored.
      id: { type: DataTypes.CHAR(64), primaryKey: true },
      scope: { type: DataTypes.STRING(64), allowNull: false },
      fingerprint: { type: DataTypes.CHAR(64), allowNull: false },
      answer: { type: DataTypes.TEXT('medium'), allowNull: true },
      created_at: { type: DataTypes.DATE(3), allowNull: false },
    });
    await q.addIndex(IDEMPOTENCY_TABLE, ['created_at']);
  },
  async down({ context: sequelize }) {
    await sequelize.getQueryInterface().dropTable(IDEMPOTENCY_TABLE);
  },
});

/** How long answers are kept for replay (a retry comes within its caller's deadline). */
export const idempotencyConfigShape = {
  IDEMPOTENCY_RETENTION_HOURS: z.coerce
    .number()
    .min(0.001)
    .max(24 * 30)
    .default(24),
};

export interface IdempotentRequest {
  /** What is being done (`register`, `refresh`): one key may serve different routes. */
  scope: string;
  /** From the caller (IDEMPOTENCY_KEY_HEADER); undefined runs the work without replay. */
  key: string | undefined;
  /** The request's input: the same key with another input is refused (422), not replayed. */
  input: unknown;
}

const sha256 = (...parts: string[]): Buffer =>
  createHash('sha256').update(parts.join('\u0000')).digest();

// The stored answer is encrypted with a key derived from the idempotency key, which only the
// caller holds: an answer that carries secrets (a token pair) is unreadable from the table alone.
function seal(secret: string, value: unknown): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', sha256('answer', secret), iv);
  const body = Buffer.concat([cipher.update(JSON.stringify({ value }), 'utf8'), cipher.final()]);
  return [iv, cipher.getAuthTag(), body].map((part) => part.toString('base64')).join('.');
}

function open(secret: string, sealed: string): unknown {
  const [iv, tag, body] = sealed.split('.').map((part) => Buffer.from(part, 'base64'));
  const decipher = createDecipheriv('aes-256-gcm', sha256('answer', secret), iv!);
  decipher.setAuthTag(tag!);
  const text = Buffer.concat([decipher.update(body!), decipher.final()]).toString('utf8');
  return (JSON.parse(text) as { value: unknown }).value;
}

/** Thrown inside the transaction when the key is already taken; caught by run(). */
class AlreadyClaimed extends Error {}

const errnoOf = (error: unknown): number | undefined =>
  (error as { parent?: { errno?: number } }).parent?.errno ??
  (error as { original?: { errno?: number } }).original?.errno;
const ER_DUP_ENTRY = 1062;
const ER_LOCK_WAIT_TIMEOUT = 1205;

/**
 * Replay of repeated requests. `run` claims the key, does the work and records its answer in ONE
 * transaction (the work writes through the transaction it is given), so either both the effect
 * and the answer are committed or neither is. A second request with the key while the first still
 * runs waits on the claimed row (InnoDB holds its lock until the first commits or rolls back),
 * then answers what the first answered; after a rollback it does the work itself. A request that
 * failed (4xx or 5xx) left nothing behind, so trying again with the key does the work again.
 */
export class IdempotentRequests {
  constructor(private readonly sequelize: Sequelize) {}

  async run<T>(request: IdempotentRequest, work: (transaction: Transaction) => Promise<T>) {
    const { key, scope } = request;
    if (key === undefined) return this.sequelize.transaction(work);
    const id = sha256('id', scope, key).toString('hex');
    const fingerprint = sha256('input', scope, key, JSON.stringify(request.input ?? null)).toString(
      'hex',
    );
    try {
      return await this.sequelize.transaction(async (transaction) => {
        try {
          await this.sequelize.query(
            `INSERT INTO ${IDEMPOTENCY_TABLE} (id, scope, fingerprint, answer, created_at)
             VALUES (:id, :scope, :fingerprint, NULL, NOW(3))`,
            { replacements: { id, scope, fingerprint }, type: QueryTypes.INSERT, transaction },
          );
        } catch (error) {
          if (errnoOf(error) === ER_DUP_ENTRY) throw new AlreadyClaimed();
          throw error;
        }
        const answer = await work(transaction);
        await this.sequelize.query(
          `UPDATE ${IDEMPOTENCY_TABLE} SET answer = :answer WHERE id = :id`,
          {
            replacements: { id, answer: seal(key, answer) },
            type: QueryTypes.UPDATE,
            transaction,
          },
        );
        return answer;
      });
    } catch (error) {
      if (error instanceof AlreadyClaimed) return (await this.replay(id, key, fingerprint)) as T;
      if (errnoOf(error) === ER_LOCK_WAIT_TIMEOUT) {
        throw unavailable(
          `A request with this ${IDEMPOTENCY_KEY_HEADER} is still running; try again`,
        );
      }
      throw error;
    }
  }

  /** Forgets answers older than `retentionMs` (a retry comes within the caller's deadline). */
  async prune(retentionMs: number): Promise<number> {
    return this.sequelize.query(
      `DELETE FROM ${IDEMPOTENCY_TABLE}
        WHERE created_at < NOW(3) - INTERVAL :seconds SECOND ORDER BY created_at LIMIT 1000`,
      { replacements: { seconds: Math.floor(retentionMs / 1000) }, type: QueryTypes.BULKDELETE },
    );
  }

  /** Prunes every `intervalMs` (and once now); returns the stop function. */
  startPruning(retentionHours: number, logger: Logger, intervalMs = 600_000): () => void {
    const prune = () =>
      void this.prune(retentionHours * 3_600_000).catch((error: unknown) =>
        logger.warn({ err: error }, 'pruning idempotent requests failed; will retry'),
      );
    const timer = setInterval(prune, intervalMs);
    timer.unref();
    prune();
    return () => clearInterval(timer);
  }

  private async replay(id: string, key: string, fingerprint: string): Promise<unknown> {
    const [row] = await this.sequelize.query<{ fingerprint: string; answer: string | null }>(
      `SELECT fingerprint, answer FROM ${IDEMPOTENCY_TABLE} WHERE id = :id`,
      { replacements: { id }, type: QueryTypes.SELECT },
    );
    if (!row || row.answer === null) {
      throw unavailable(
        `A request with this ${IDEMPOTENCY_KEY_HEADER} is still running; try again`,
      );
    }
    if (row.fingerprint !== fingerprint) {
      throw new AppError(
        422,
        'IDEMPOTENCY_KEY_REUSED',
        `This ${IDEMPOTENCY_KEY_HEADER} was used for another request`,
      );
    }
    return open(key, row.answer);
  }
}
