import { randomUUID } from 'node:crypto';
import type { EventPayload, EventTopic } from '@gomall/contracts';
import { Gauge } from 'prom-client';
import { DataTypes, QueryTypes, Transaction, type Sequelize } from 'sequelize';
import { z } from 'zod';
import { currentContext } from '../context';
import type { EventPublisher } from '../dapr/pubsub';
import type { ServiceMetrics } from '../http/metrics';
import type { Logger } from '../logger';
import type { Migration } from './database';
import { pruneInbox } from './inbox';

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

/**
 * Add after createOutboxTable: what a row needs so that one that cannot be published (its publish
 * keeps failing, daprd refuses it) is tried with backoff and then parked instead of blocking the
 * rows behind it.
 */
export const addOutboxAttempts = (name: string): Migration => ({
  name,
  async up({ context: sequelize }) {
    await sequelize.query(
      `ALTER TABLE ${OUTBOX_TABLE}
         ADD COLUMN IF NOT EXISTS attempts INT NOT NULL DEFAULT 0,
         ADD COLUMN IF NOT EXISTS next_attempt_at DATETIME(3) NULL,
         ADD COLUMN IF NOT EXISTS parked_at DATETIME(3) NULL,
         ADD COLUMN IF NOT EXISTS last_error VARCHAR(500) NULL`,
    );
  },
  async down({ context: sequelize }) {
    await sequelize.query(
      `ALTER TABLE ${OUTBOX_TABLE} DROP COLUMN attempts, DROP COLUMN next_attempt_at,
         DROP COLUMN parked_at, DROP COLUMN last_error`,
    );
  },
});

/** The outbox's settings, part of every service config that has an outbox (see README). */
export const outboxConfigShape = {
  /** How often pending rows are retried and old ones pruned. */
  OUTBOX_INTERVAL_MS: z.coerce.number().int().min(100).max(600_000).default(5000),
  /** Failed publishes of one row before it is parked (a dead letter; alert and metric). */
  OUTBOX_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(100).default(10),
  /** Published outbox rows are deleted after this long. */
  OUTBOX_RETENTION_HOURS: z.coerce
    .number()
    .min(0.001)
    .max(24 * 90)
    .default(24),
  /** Handled-event ids (inbox) are kept this long: longer than any redelivery can come. */
  INBOX_RETENTION_HOURS: z.coerce
    .number()
    .min(0.001)
    .max(24 * 365)
    .default(24 * 7),
};

export type OutboxConfig = { [K in keyof typeof outboxConfigShape]: number };

/** The Outbox's options from a service's configuration. */
export const outboxOptions = (
  config: OutboxConfig,
  extra: { inbox?: boolean } = {},
): OutboxOptions => ({
  intervalMs: config.OUTBOX_INTERVAL_MS,
  maxAttempts: config.OUTBOX_MAX_ATTEMPTS,
  retentionMs: config.OUTBOX_RETENTION_HOURS * 3_600_000,
  inboxRetentionMs: extra.inbox ? config.INBOX_RETENTION_HOURS * 3_600_000 : undefined,
});

interface OutboxRow {
  id: string;
  topic: string;
  payload: string;
  requestId: string | null;
  createdAt: Date;
  attempts: number;
}

export interface OutboxOptions {
  /** How often unpublished events are retried (a sidecar that was down, a crash after commit). */
  intervalMs?: number;
  /** Rows one relay claims at a time (FOR UPDATE SKIP LOCKED: other replicas take the next). */
  batchSize?: number;
  /** Failed publishes before a row is parked. */
  maxAttempts?: number;
  /** The first wait after a failed publish; it doubles per attempt, up to 5 minutes. */
  retryBackoffMs?: number;
  /** Published rows are deleted after this long (they only matter until daprd has them). */
  retentionMs?: number;
  /** When set, the service's inbox (handleOnce) is pruned by the same timer. */
  inboxRetentionMs?: number;
}

/** Failures in a row within one batch that mean daprd or the broker is down, not the rows. */
const FAILURES_BEFORE_PAUSE = 3;
const MAX_BACKOFF_MS = 300_000;

export interface OutboxStats {
  pending: number;
  oldestPendingAgeSeconds: number;
  parked: number;
}

/**
 * The transactional outbox: an event is written in the same transaction as the change it reports,
 * and published after the commit (and again by a timer until daprd accepts it). So a change never
 * goes unreported and an event never reports a change that was rolled back. Delivery is at least
 * once; the row id is the CloudEvent id, so subscribers' inboxes skip a second copy.
 *
 * The process that committed a row publishes it from memory right away (publishFresh). What is
 * left behind goes out by the sweep, in which replicas share the work: each claims a batch with
 * `FOR UPDATE SKIP LOCKED` (READ COMMITTED, so no gap locks hold up the inserts of new events) and
 * publishes it while holding the claim, so no two sweeps publish one row. A row whose publish fails
 * is tried again with backoff while the rows behind it go on; after `maxAttempts` it is parked
 * (`parked_at`, `last_error`): a dead letter for a human, counted in `gomall_outbox_parked` and
 * alerted on.
 */
export class Outbox {
  private timer: NodeJS.Timeout | undefined;
  private flushing: Promise<number> | undefined;
  private again = false;
  /** The rows each open transaction added, for its commit hook. */
  private readonly addedIn = new WeakMap<Transaction, OutboxRow[]>();
  /** Committed by this process and not published yet (publishFresh). */
  private fresh: OutboxRow[] = [];
  /** The next round also reads the table for due rows (the timer, a failed fresh publish). */
  private sweepWanted = false;

  constructor(
    private readonly sequelize: Sequelize,
    private readonly publisher: Pick<EventPublisher, 'publish'>,
    private readonly logger: Logger,
    private readonly options: OutboxOptions = {},
  ) {}

  /**
   * Records `data` for `topic` in the caller's transaction; it is published once that commits.
   * The payload is the topic's (the contracts' EVENT_SCHEMAS): another shape does not compile.
   */
  async add<T extends EventTopic>(
    transaction: Transaction,
    topic: T,
    data: EventPayload<T>,
  ): Promise<void> {
    const row: OutboxRow = {
      id: randomUUID(),
      topic,
      payload: JSON.stringify(data),
      requestId: currentContext()?.requestId ?? null,
      // The event's time; the row's created_at (its place in the relay's order) is the database's.
      createdAt: new Date(),
      attempts: 0,
    };
    await this.sequelize.getQueryInterface().bulkInsert(
      OUTBOX_TABLE,
      [
        {
          id: row.id,
          topic,
          payload: row.payload,
          request_id: row.requestId,
          created_at: this.sequelize.fn('NOW', 3),
          published_at: null,
        },
      ],
      { transaction },
    );
    const added = this.addedIn.get(transaction);
    if (added) {
      added.push(row);
      return;
    }
    this.addedIn.set(transaction, [row]);
    // One hook per transaction: its rows go out in one round, marked by one UPDATE.
    transaction.afterCommit(() => {
      this.fresh.push(...(this.addedIn.get(transaction) ?? []));
      void this.round(false);
    });
  }

  /**
   * Publishes what is due, oldest first, batch after batch (and first what this process has just
   * committed). Never throws (the timer retries).
   */
  flush(): Promise<number> {
    return this.round(true);
  }

  /** One publishing round at a time; a round asked for meanwhile runs right after it. */
  private round(sweep: boolean): Promise<number> {
    if (sweep) this.sweepWanted = true;
    if (this.flushing) {
      this.again = true;
      return this.flushing;
    }
    this.flushing = this.publishRound()
      .catch((error: unknown) => {
        this.logger.warn({ err: error }, 'outbox flush failed; will retry');
        return 0;
      })
      .finally(() => {
        this.flushing = undefined;
        if (this.again) {
          this.again = false;
          void this.round(false);
        }
      });
    return this.flushing;
  }

  private async publishRound(): Promise<number> {
    let published = await this.publishFresh();
    if (this.sweepWanted) {
      this.sweepWanted = false;
      published += await this.publishDue();
    }
    return published;
  }

  /**
   * The rows this process has just committed, in commit order, published from memory and marked
   * by one UPDATE: no transaction, no read back. That is the common case, and it costs one
   * statement per event instead of five. A publish that fails leaves that row and the ones after
   * it to the sweep, which counts the attempt and backs off. A row published here and by another
   * replica's sweep in the same moment goes out twice; subscribers' inboxes skip the copy.
   */
  private async publishFresh(): Promise<number> {
    const rows = this.fresh;
    this.fresh = [];
    const sent: string[] = [];
    for (const row of rows) {
      if ((await this.publishRow(row)) !== undefined) {
        this.sweepWanted = true;
        break;
      }
      sent.push(row.id);
    }
    if (sent.length > 0) {
      await this.sequelize.query(
        `UPDATE ${OUTBOX_TABLE} SET published_at = NOW(3) WHERE id IN (:ids) AND published_at IS NULL`,
        { replacements: { ids: sent } },
      );
    }
    return sent.length;
  }

  start(): void {
    this.timer ??= setInterval(() => void this.tick(), this.options.intervalMs ?? 5000);
    this.timer.unref();
    void this.flush();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    this.again = false;
    await this.flushing;
  }

  /** Deletes published rows (and handled inbox ids) past their retention; returns rows removed. */
  async prune(): Promise<number> {
    const removed = await this.sequelize.query(
      `DELETE FROM ${OUTBOX_TABLE}
        WHERE published_at < NOW(3) - INTERVAL :seconds SECOND ORDER BY published_at LIMIT 1000`,
      {
        replacements: { seconds: (this.options.retentionMs ?? 86_400_000) / 1000 },
        type: QueryTypes.BULKDELETE,
      },
    );
    const inbox = this.options.inboxRetentionMs;
    return removed + (inbox === undefined ? 0 : await pruneInbox(this.sequelize, inbox));
  }

  /** What is waiting (and for how long, in database time) and what is parked. */
  async stats(): Promise<OutboxStats> {
    const [row] = await this.sequelize.query<{
      pending: string | number | null;
      parked: string | number | null;
      age: string | number | null;
    }>(
      `SELECT SUM(parked_at IS NULL) AS pending, SUM(parked_at IS NOT NULL) AS parked,
              TIMESTAMPDIFF(MICROSECOND, MIN(IF(parked_at IS NULL, created_at, NULL)), NOW(3))
                / 1000000 AS age
         FROM ${OUTBOX_TABLE} WHERE published_at IS NULL`,
      { type: QueryTypes.SELECT },
    );
    return {
      pending: Number(row?.pending ?? 0),
      parked: Number(row?.parked ?? 0),
      oldestPendingAgeSeconds: Math.max(0, Number(row?.age ?? 0)),
    };
  }

  /**
   * The outbox's gauges on the service's /metrics, read from the table at each scrape:
   * `gomall_outbox_pending`, `gomall_outbox_oldest_pending_age_seconds`, `gomall_outbox_parked`.
   */
  observe(metrics: ServiceMetrics): void {
    let last: OutboxStats = { pending: 0, oldestPendingAgeSeconds: 0, parked: 0 };
    let reading: Promise<OutboxStats> | undefined;
    // One query per scrape for the three gauges; a failed read keeps the last values.
    const read = () =>
      (reading ??= this.stats()
        .then((stats) => (last = stats))
        .catch((error: unknown) => {
          this.logger.warn({ err: error }, 'outbox stats unavailable');
          return last;
        })
        .finally(() => setImmediate(() => (reading = undefined))));
    const gauge = (name: string, help: string, pick: (stats: OutboxStats) => number) =>
      new Gauge({
        name,
        help,
        registers: [metrics.registry],
        async collect() {
          this.set(pick(await read()));
        },
      });
    gauge('gomall_outbox_pending', 'Outbox events waiting to be published', (s) => s.pending);
    gauge(
      'gomall_outbox_oldest_pending_age_seconds',
      'Age of the oldest outbox event waiting to be published (0 when none)',
      (s) => s.oldestPendingAgeSeconds,
    );
    gauge(
      'gomall_outbox_parked',
      'Outbox events parked after failing every attempt (dead letters)',
      (s) => s.parked,
    );
  }

  private async tick(): Promise<void> {
    await this.flush();
    try {
      await this.prune();
    } catch (error) {
      this.logger.warn({ err: error }, 'outbox pruning failed; will retry');
    }
  }

  private async publishDue(): Promise<number> {
    const batchSize = this.options.batchSize ?? 100;
    let published = 0;
    for (;;) {
      const batch = await this.publishBatch(batchSize);
      published += batch.published;
      if (batch.claimed < batchSize || batch.paused) return published;
    }
  }

  /** Claims up to `limit` due rows (skipping rows other relays hold) and publishes them. */
  private publishBatch(limit: number) {
    return this.sequelize.transaction(
      { isolationLevel: Transaction.ISOLATION_LEVELS.READ_COMMITTED },
      async (transaction) => {
        // Rows this process committed a moment ago go out through publishFresh, right after: left
        // out here, so that they are not sent twice and a batch never fills up with rows it skips.
        const waiting = this.fresh.map((row) => row.id);
        const rows = await this.sequelize.query<OutboxRow>(
          `SELECT id, topic, payload, request_id AS requestId, created_at AS createdAt, attempts
             FROM ${OUTBOX_TABLE}
            WHERE published_at IS NULL AND parked_at IS NULL
              AND (next_attempt_at IS NULL OR next_attempt_at <= NOW(3))
              ${waiting.length > 0 ? 'AND id NOT IN (:waiting)' : ''}
            ORDER BY created_at, id LIMIT :limit
              FOR UPDATE SKIP LOCKED`,
          { replacements: { limit, waiting }, type: QueryTypes.SELECT, transaction },
        );
        let published = 0;
        let failuresInARow = 0;
        // Committed while the SELECT ran: the next batch's SELECT leaves them out.
        const nowWaiting = new Set(this.fresh.map((row) => row.id));
        for (const row of rows.filter((candidate) => !nowWaiting.has(candidate.id))) {
          const problem = await this.publishRow(row);
          if (problem === undefined) {
            await this.sequelize.query(
              `UPDATE ${OUTBOX_TABLE} SET published_at = NOW(3) WHERE id = :id`,
              { replacements: { id: row.id }, transaction },
            );
            published++;
            failuresInARow = 0;
            continue;
          }
          await this.recordFailure(row, problem, transaction);
          // Several rows failing one after another: daprd or the broker is down. Leave the rest
          // untouched (no attempts spent on them) until the next round.
          if (!problem.poison && ++failuresInARow >= FAILURES_BEFORE_PAUSE) {
            return { claimed: rows.length, published, paused: true };
          }
        }
        return { claimed: rows.length, published, paused: false };
      },
    );
  }

  /** undefined when daprd accepted the event; otherwise why not, and whether it can ever work. */
  private async publishRow(
    row: OutboxRow,
  ): Promise<{ error: string; poison: boolean } | undefined> {
    let data: unknown;
    try {
      data = JSON.parse(row.payload);
    } catch {
      return { error: 'payload is not JSON', poison: true };
    }
    try {
      await this.publisher.publish(row.topic, data, {
        id: row.id,
        requestId: row.requestId ?? undefined,
        occurredAt: new Date(row.createdAt).toISOString(),
      });
      return undefined;
    } catch (error) {
      return { error: error instanceof Error ? error.message : String(error), poison: false };
    }
  }

  private async recordFailure(
    row: OutboxRow,
    problem: { error: string; poison: boolean },
    transaction: Transaction,
  ): Promise<void> {
    const attempts = row.attempts + 1;
    const park = problem.poison || attempts >= (this.options.maxAttempts ?? 10);
    const backoffMs = Math.min(
      (this.options.retryBackoffMs ?? 1000) * 2 ** (attempts - 1),
      MAX_BACKOFF_MS,
    );
    await this.sequelize.query(
      `UPDATE ${OUTBOX_TABLE}
          SET attempts = :attempts, last_error = :error,
              next_attempt_at = NOW(3) + INTERVAL :backoffMs * 1000 MICROSECOND,
              parked_at = IF(:park, NOW(3), NULL)
        WHERE id = :id`,
      {
        replacements: {
          id: row.id,
          attempts,
          error: problem.error.slice(0, 500),
          backoffMs,
          park,
        },
        transaction,
      },
    );
    const context = { eventId: row.id, topic: row.topic, attempts, error: problem.error };
    if (park) this.logger.error(context, 'outbox event parked: it will not be published');
    else this.logger.warn(context, 'outbox publish failed; will retry');
  }
}
