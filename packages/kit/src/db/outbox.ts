import { randomUUID } from 'node:crypto';
import { DataTypes, QueryTypes, type Sequelize, type Transaction } from 'sequelize';
import { currentContext } from '../context';
import type { EventPublisher } from '../dapr/pubsub';
import type { Logger } from '../logger';
import type { Migration } from './database';

export const OUTBOX_TABLE = 'outbox_events';

/** Add to a service's migrations to publish its events through the transactional outbox. */
export const createOutboxTable = (name = '0000-create-outbox'): Migration => ({
  name,
  async up({ context: sequelize }) {
    const q = sequelize.getQueryInterface();
    await q.createTable(OUTBOX_TABLE, {
      id: { type: DataTypes.CHAR(36), primaryKey: true },
      topic: { type: DataTypes.STRING(128), allowNull: false },
      payload: { type: DataTypes.TEXT, allowNull: false },
      request_id: { type: DataTypes.STRING(128), allowNull: true },
      created_at: { type: DataTypes.DATE(3), allowNull: false },
      published_at: { type: DataTypes.DATE(3), allowNull: true },
    });
    await q.addIndex(OUTBOX_TABLE, ['published_at', 'created_at']);
  },
  async down({ context: sequelize }) {
    await sequelize.getQueryInterface().dropTable(OUTBOX_TABLE);
  },
});

interface OutboxRow {
  id: string;
  topic: string;
  payload: string;
  requestId: string | null;
  createdAt: Date;
}

export interface OutboxOptions {
  /** How often unpublished events are retried (a sidecar that was down, a crash after commit). */
  intervalMs?: number;
  batchSize?: number;
  /** Published rows are deleted after this long (they only matter until daprd has them). */
  retentionMs?: number;
}

/**
 * The transactional outbox: an event is written in the same transaction as the change it reports,
 * and published after the commit (and again by a timer until daprd accepts it). So a change never
 * goes unreported and an event never reports a change that was rolled back. Delivery is at least
 * once; the row id is the CloudEvent id, so subscribers' inboxes skip a second copy.
 */
export class Outbox {
  private timer: NodeJS.Timeout | undefined;
  private flushing: Promise<number> | undefined;
  private again = false;

  constructor(
    private readonly sequelize: Sequelize,
    private readonly publisher: EventPublisher,
    private readonly logger: Logger,
    private readonly options: OutboxOptions = {},
  ) {}

  /** Records `data` for `topic` in the caller's transaction; it is published once that commits. */
  async add<T>(transaction: Transaction, topic: string, data: T): Promise<void> {
    await this.sequelize.getQueryInterface().bulkInsert(
      OUTBOX_TABLE,
      [
        {
          id: randomUUID(),
          topic,
          payload: JSON.stringify(data),
          request_id: currentContext()?.requestId ?? null,
          created_at: this.sequelize.fn('NOW', 3),
          published_at: null,
        },
      ],
      { transaction },
    );
    transaction.afterCommit(() => {
      void this.flush();
    });
  }

  /** Publishes what is pending, oldest first; stops at the first failure (the timer retries). */
  flush(): Promise<number> {
    if (this.flushing) {
      this.again = true;
      return this.flushing;
    }
    this.flushing = this.publishPending()
      .catch((error: unknown) => {
        this.logger.warn({ err: error }, 'outbox flush failed; will retry');
        return 0;
      })
      .finally(() => {
        this.flushing = undefined;
        if (this.again) {
          this.again = false;
          void this.flush();
        }
      });
    return this.flushing;
  }

  start(): void {
    this.timer ??= setInterval(() => void this.tick(), this.options.intervalMs ?? 5000);
    this.timer.unref();
  }

  private async tick(): Promise<void> {
    await this.flush();
    try {
      await this.sequelize.query(
        `DELETE FROM ${OUTBOX_TABLE} WHERE published_at < :before ORDER BY published_at LIMIT 1000`,
        {
          replacements: { before: new Date(Date.now() - (this.options.retentionMs ?? 86_400_000)) },
        },
      );
    } catch (error) {
      this.logger.warn({ err: error }, 'outbox pruning failed; will retry');
    }
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    this.again = false;
    await this.flushing;
  }

  private async publishPending(): Promise<number> {
    const rows = await this.sequelize.query<OutboxRow>(
      `SELECT id, topic, payload, request_id AS requestId, created_at AS createdAt
         FROM ${OUTBOX_TABLE} WHERE published_at IS NULL
        ORDER BY created_at, id LIMIT :limit`,
      { replacements: { limit: this.options.batchSize ?? 100 }, type: QueryTypes.SELECT },
    );
    for (const row of rows) {
      await this.publisher.publish(row.topic, JSON.parse(row.payload) as unknown, {
        id: row.id,
        requestId: row.requestId ?? undefined,
        occurredAt: new Date(row.createdAt).toISOString(),
      });
      await this.sequelize.query(
        `UPDATE ${OUTBOX_TABLE} SET published_at = NOW(3) WHERE id = :id`,
        { replacements: { id: row.id } },
      );
    }
    return rows.length;
  }
}
