import { randomUUID } from 'node:crypto';
import { createLogger, EventPublisher, ServiceMetrics } from '@gomall/kit';
import {
  addOutboxAttempts,
  createInboxTable,
  createOutboxTable,
  handleOnce,
  migrate,
  Outbox,
  OUTBOX_TABLE,
  type OutboxOptions,
} from '@gomall/kit/db';
import { Redis } from 'ioredis';
import { QueryTypes, type Sequelize } from 'sequelize';
import { migrations as userMigrations } from '../../services/user/src/data/migrations';
import { registerCustomer } from './support/auth';
import { withSchema } from './support/db';
import { itEnv } from './support/env';
import { eventually } from './support/eventually';
import { scratchSchema } from './support/scratch-db';

jest.setTimeout(90_000);

/**
 * The kit's outbox on the run's real MariaDB, publishing through a real daprd (the user service's
 * sidecar, as the user service: `user.registered` is a topic it may publish, nobody subscribes to
 * it, and daprd refuses topics it may not publish — a real "payload rejected").
 */
const TOPIC = 'user.registered';
const FORBIDDEN_TOPIC = 'user.not-a-topic-of-ours';
const logger = createLogger('outbox-test', 'silent');

interface Sent {
  relay: string;
  id: string;
}

/** daprd's publish API as the user service reaches it, with a record of what each relay sent. */
function publisherFor(relay: string, sent: Sent[], delayMs = 0) {
  const real = new EventPublisher(
    {
      DAPR_HOST: '127.0.0.1',
      DAPR_HTTP_PORT: Number(new URL(itEnv('USER_DAPR_URL')).port),
      DAPR_API_TOKEN: itEnv('USER_DAPR_TOKEN'),
    },
    'pubsub',
  );
  return {
    async publish(topic: string, data: unknown, options: { id?: string } = {}) {
      // Widens the window in which two relays could take the same row.
      if (delayMs) await new Promise((r) => setTimeout(r, delayMs));
      await real.publish(topic, data, options);
      sent.push({ relay, id: options.id ?? '' });
    },
  };
}

async function insertRows(
  db: Sequelize,
  rows: Array<{ topic?: string; payload?: string; createdAgoMs?: number }>,
): Promise<string[]> {
  const ids: string[] = [];
  for (const [i, row] of rows.entries()) {
    const id = randomUUID();
    ids.push(id);
    await db.query(
      `INSERT INTO ${OUTBOX_TABLE} (id, topic, payload, created_at)
       VALUES (:id, :topic, :payload, NOW(3) - INTERVAL :ago MICROSECOND)`,
      {
        replacements: {
          id,
          topic: row.topic ?? TOPIC,
          payload: row.payload ?? JSON.stringify({ userId: randomUUID() }),
          // Distinct, increasing creation times keep the order of `rows`.
          ago: ((row.createdAgoMs ?? 0) + (rows.length - i)) * 1000,
        },
      },
    );
  }
  return ids;
}

const outboxRows = (db: Sequelize) =>
  db.query<{
    id: string;
    published_at: Date | null;
    parked_at: Date | null;
    attempts: number;
    last_error: string | null;
  }>(`SELECT id, published_at, parked_at, attempts, last_error FROM ${OUTBOX_TABLE}`, {
    type: QueryTypes.SELECT,
  });

describe('kit outbox (real MariaDB, real daprd)', () => {
  let db: Awaited<ReturnType<typeof scratchSchema>>;
  let a: Sequelize;
  let b: Sequelize;
  const outbox = (pool: Sequelize, publisher: ReturnType<typeof publisherFor>, o: OutboxOptions) =>
    new Outbox(pool, publisher, logger, o);

  beforeAll(async () => {
    db = await scratchSchema('outbox', 2);
    [a, b] = db.pools as [Sequelize, Sequelize];
    await migrate(
      a,
      [
        createOutboxTable('0001-outbox'),
        addOutboxAttempts('0002-attempts'),
        createInboxTable('0003-inbox'),
      ],
      logger,
    );
  });
  afterAll(() => db.close());
  beforeEach(async () => {
    await a.query(`DELETE FROM ${OUTBOX_TABLE}`);
  });

  it('two relays on one database share the rows (SKIP LOCKED): none published twice, both make progress', async () => {
    const ids = await insertRows(
      a,
      Array.from({ length: 200 }, () => ({})),
    );
    const sent: Sent[] = [];
    const options = { batchSize: 10 };
    const relayA = outbox(a, publisherFor('A', sent, 2), options);
    const relayB = outbox(b, publisherFor('B', sent, 2), options);
    await Promise.all([relayA.flush(), relayB.flush()]);
    const published = sent.map((s) => s.id);
    expect(new Set(published).size).toBe(published.length); // nothing twice
    expect(published.sort()).toEqual([...ids].sort()); // everything once
    const byA = sent.filter((s) => s.relay === 'A').length;
    const byB = sent.filter((s) => s.relay === 'B').length;
    expect({ byA: byA > 0, byB: byB > 0 }).toEqual({ byA: true, byB: true });
    expect((await outboxRows(a)).every((row) => row.published_at !== null)).toBe(true);
  });

  it('a row daprd keeps refusing is retried with backoff, then parked; the rows behind it go out', async () => {
    const [first, poison, notJson, last] = await insertRows(a, [
      {},
      { topic: FORBIDDEN_TOPIC },
      { payload: '{not json' },
      {},
    ]);
    const sent: Sent[] = [];
    const relay = outbox(a, publisherFor('A', sent), { maxAttempts: 3, retryBackoffMs: 50 });
    const metrics = new ServiceMetrics('outbox-test');
    relay.observe(metrics);

    await relay.flush();
    // The poison row did not hold up the one behind it.
    expect(sent.map((s) => s.id)).toEqual([first, last]);
    let rows = new Map((await outboxRows(a)).map((row) => [row.id, row]));
    expect(rows.get(poison!)).toMatchObject({ attempts: 1, parked_at: null, published_at: null });
    expect(rows.get(poison!)!.last_error).toMatch(/403|forbidden|not allowed/i);
    // A payload that can never be sent is parked at once.
    expect(rows.get(notJson!)!.parked_at).not.toBeNull();

    // Not due before its backoff, then tried until maxAttempts and parked.
    await eventually(
      async () => {
        await relay.flush();
        rows = new Map((await outboxRows(a)).map((row) => [row.id, row]));
        expect(rows.get(poison!)!.parked_at).not.toBeNull();
      },
      5000,
      60,
    );
    expect(rows.get(poison!)!.attempts).toBe(3);
    expect(rows.get(poison!)!.published_at).toBeNull();
    expect(await relay.stats()).toEqual({ pending: 0, parked: 2, oldestPendingAgeSeconds: 0 });
    const text = await metrics.registry.metrics();
    expect(text).toMatch(/^gomall_outbox_parked\{service="outbox-test"\} 2$/m);
    expect(text).toMatch(/^gomall_outbox_pending\{service="outbox-test"\} 0$/m);
    // Parked rows stay out of every later round.
    await relay.flush();
    expect(sent.filter((s) => s.id === poison)).toHaveLength(0);
  });

  it('publishes what a transaction added as soon as it commits, from memory (one UPDATE, no read), each row once', async () => {
    const sent: Sent[] = [];
    const relay = outbox(b, publisherFor('A', sent), {});
    const statements: string[] = [];
    b.addHook('afterQuery', 'statements', (_options, query) => {
      statements.push((query as unknown as { sql: string }).sql);
    });
    try {
      await b.transaction(async (transaction) => {
        await relay.add(transaction, TOPIC, { userId: randomUUID() });
        await relay.add(transaction, TOPIC, { userId: randomUUID() });
      });
      const afterCommit = statements.length;
      await eventually(
        async () => expect((await outboxRows(a)).every((row) => row.published_at)).toBe(true),
        5000,
        20,
      );
      const ids = (await outboxRows(a)).map((row) => row.id).sort();
      expect(sent.map((s) => s.id).sort()).toEqual(ids);
      const relayStatements = statements.slice(afterCommit);
      expect(relayStatements).toEqual([
        expect.stringMatching(/^UPDATE outbox_events SET published_at/),
      ]);
      // A sweep afterwards finds nothing left to send.
      await relay.flush();
      expect(sent).toHaveLength(2);
    } finally {
      b.removeHook('afterQuery', 'statements');
    }
  });

  it('a sweep that meets rows waiting for their fresh publish leaves them to it: each goes out once, nothing spins', async () => {
    const sent: Sent[] = [];
    const real = publisherFor('A', sent);
    let open!: () => void;
    const gate = new Promise<void>((resolve) => (open = resolve));
    let first = true;
    const relay = outbox(
      a,
      {
        async publish(topic: string, data: unknown, options: { id?: string } = {}) {
          // The first fresh publish waits, so the next transaction's rows queue up behind it.
          if (first) {
            first = false;
            await gate;
          }
          await real.publish(topic, data, options);
        },
      },
      { batchSize: 5 },
    );
    const add = (count: number) =>
      a.transaction(async (transaction) => {
        for (let i = 0; i < count; i++) {
          await relay.add(transaction, TOPIC, { userId: randomUUID() });
        }
      });
    await add(1);
    await add(12); // waiting in memory: more than a sweep's batch
    const sweep = relay.flush(); // a sweep, run by the round that is waiting at the gate
    open();
    await sweep;
    await eventually(
      async () => expect((await outboxRows(a)).every((row) => row.published_at)).toBe(true),
      5000,
      20,
    );
    const ids = sent.map((s) => s.id);
    expect(ids).toHaveLength(13);
    expect(new Set(ids).size).toBe(13);
  });

  it('leaves a row daprd refuses after its commit to the sweep, which counts the attempt; the row behind it still goes out', async () => {
    const sent: Sent[] = [];
    const relay = outbox(a, publisherFor('A', sent), { retryBackoffMs: 60_000 });
    await a.transaction(async (transaction) => {
      // A topic daprd refuses (the user service may not publish it): not one of ours, so cast.
      await relay.add(transaction, FORBIDDEN_TOPIC as typeof TOPIC, { userId: randomUUID() });
      await relay.add(transaction, TOPIC, { userId: randomUUID() });
    });
    await eventually(
      async () => {
        const rows = await outboxRows(a);
        expect(rows.filter((row) => row.published_at)).toHaveLength(1);
        expect(rows.filter((row) => row.attempts === 1 && !row.published_at)).toHaveLength(1);
      },
      5000,
      20,
    );
    expect(sent).toHaveLength(1);
  });

  it('reports the backlog: pending count and the age of the oldest pending row', async () => {
    await insertRows(a, [{ createdAgoMs: 120_000 }, {}]);
    const relay = outbox(a, publisherFor('A', []), {});
    const metrics = new ServiceMetrics('outbox-test');
    relay.observe(metrics);
    const stats = await relay.stats();
    expect(stats.pending).toBe(2);
    expect(stats.oldestPendingAgeSeconds).toBeGreaterThanOrEqual(120);
    expect(stats.oldestPendingAgeSeconds).toBeLessThan(180);
    expect(await metrics.registry.metrics()).toMatch(
      /^gomall_outbox_oldest_pending_age_seconds\{service="outbox-test"\} 1[2-7]\d(\.\d+)?$/m,
    );
  });

  it('prunes published rows and handled inbox ids past their retention, never pending or parked rows', async () => {
    const [oldPublished, newPublished, oldPending, oldParked] = await insertRows(a, [
      {},
      {},
      {},
      {},
    ]);
    await a.query(
      `UPDATE ${OUTBOX_TABLE} SET published_at = NOW(3) - INTERVAL 2 HOUR, created_at = NOW(3) - INTERVAL 3 HOUR WHERE id = ?`,
      { replacements: [oldPublished] },
    );
    await a.query(`UPDATE ${OUTBOX_TABLE} SET published_at = NOW(3) WHERE id = ?`, {
      replacements: [newPublished],
    });
    await a.query(
      `UPDATE ${OUTBOX_TABLE} SET created_at = NOW(3) - INTERVAL 3 HOUR, parked_at = NOW(3) - INTERVAL 2 HOUR WHERE id = ?`,
      { replacements: [oldParked] },
    );
    const oldEvent = { id: randomUUID(), topic: 't' };
    const newEvent = { id: randomUUID(), topic: 't' };
    await handleOnce(a, oldEvent, () => Promise.resolve());
    await handleOnce(a, newEvent, () => Promise.resolve());
    await a.query(
      `UPDATE inbox_events SET handled_at = NOW(3) - INTERVAL 3 DAY WHERE event_id = ?`,
      { replacements: [oldEvent.id] },
    );

    const relay = outbox(a, publisherFor('A', []), {
      retentionMs: 3_600_000,
      inboxRetentionMs: 86_400_000,
    });
    expect(await relay.prune()).toBe(2);
    const left = (await outboxRows(a)).map((row) => row.id).sort();
    expect(left).toEqual([newPublished, oldPending, oldParked].sort());
    const inbox = await a.query<{ event_id: string }>('SELECT event_id FROM inbox_events', {
      type: QueryTypes.SELECT,
    });
    expect(inbox.map((row) => row.event_id)).toEqual([newEvent.id]);
    // A pruned id is gone for good, a kept one still stops a redelivery.
    expect(await handleOnce(a, newEvent, () => Promise.resolve())).toBe(false);
  });
});

describe('user service on the kit outbox', () => {
  it('migrates its own outbox: a row left pending by the old relay is published, with its row id as the event id', async () => {
    const db = await scratchSchema('useroutbox', 1);
    try {
      const [pool] = db.pools as [Sequelize];
      // The schema as the user service left it before: its own outbox table, one row pending.
      await migrate(pool, userMigrations.slice(0, 2), logger);
      const id = randomUUID();
      const userId = randomUUID();
      await pool.query(
        `INSERT INTO outbox_events (id, topic, payload, created_at, published_at)
         VALUES (?, 'user.registered', ?, NOW(3), NULL)`,
        { replacements: [id, JSON.stringify({ userId })] },
      );
      await migrate(pool, userMigrations, logger);
      const sent: Sent[] = [];
      await new Outbox(pool, publisherFor('user', sent), logger).flush();
      expect(sent).toEqual([{ relay: 'user', id }]);
    } finally {
      await db.close();
    }
  });

  it('publishes user.registered with the outbox row id as the CloudEvent id (stable across retries)', async () => {
    const customer = await registerCustomer();
    const rowId = await eventually(async () => {
      const rows = await withSchema('user', async (conn) => {
        const [result] = await conn.query(
          'SELECT id FROM outbox_events WHERE payload LIKE ? AND published_at IS NOT NULL',
          [`%${customer.id}%`],
        );
        return result as Array<{ id: string }>;
      });
      expect(rows).toHaveLength(1);
      return rows[0]!.id;
    });
    // What daprd wrote to the stream (the Redis pub/sub component: one stream per topic).
    const redis = new Redis(itEnv('REDIS_URL'));
    try {
      const entries = await redis.xrevrange(TOPIC, '+', '-', 'COUNT', 500);
      const events = entries
        .map(([, fields]) => fields[fields.indexOf('data') + 1] ?? '')
        .filter((data) => data.includes(customer.id))
        .map((data) => JSON.parse(data) as { id: string });
      expect(events.map((event) => event.id)).toEqual([rowId]);
    } finally {
      redis.disconnect();
    }
  });
});
