import { randomUUID } from 'node:crypto';
import { createLogger } from '@gomall/kit';
import { migrate, type Outbox } from '@gomall/kit/db';
import { QueryTypes, type Sequelize } from 'sequelize';
import { migrations } from '../../services/checkout/src/data/migrations';
import { migrations as productMigrations } from '../../services/product/src/data/migrations';
import { StockRepository } from '../../services/product/src/data/stock-repository';
import { defineModels } from '../../services/checkout/src/data/models';
import { SagaRepository } from '../../services/checkout/src/data/saga-repository';
import { LostOwnershipError } from '../../services/checkout/src/domain/saga-run';
import { adminToken } from './support/auth';
import {
  ADDRESS,
  ADMIN,
  createProduct,
  customer,
  GOOD_CARD,
  paidOrder,
  pendingOrder,
  stockOf,
  type OrderBody,
} from './support/commerce';
import { withSchema } from './support/db';
import { eventually } from './support/eventually';
import { api } from './support/http';
import { invoke, type Identity } from './support/invoke';
import { scratchSchema } from './support/scratch-db';

/**
 * The interleavings of issue 12 against the real services and MariaDB: what a saga run that
 * gave up on a call (a timeout, a crash, a frozen process) leaves behind, and what a late call
 * then meets. The saga's own decisions are unit-tested in services/checkout/test.
 */
jest.setTimeout(60_000);

const paymentOf = (orderId: string) =>
  withSchema('payment', async (db) => {
    const [rows] = await db.query(
      'SELECT status, amount_cents AS amountCents FROM payments WHERE order_id = ?',
      [orderId],
    );
    return (rows as Array<{ status: string; amountCents: number }>)[0];
  });

const cancel = (orderId: string, as: Identity) =>
  invoke<OrderBody>('order', `/orders/${orderId}/mark-cancelled`, {
    as,
    body: { reason: 'checkout did not complete' },
    headers: { 'idempotency-key': `${orderId}:cancel-order` },
  });

const charge = (orderId: string, amountCents = 1250) =>
  invoke<{ status: string }>('payment', '/payments', {
    body: { orderId, amountCents, currency: 'USD', card: GOOD_CARD },
    headers: { 'idempotency-key': `${orderId}:charge-payment` },
  });

const reserve = (orderId: string, productId: string, quantity = 1) =>
  invoke<{ items: OrderBody['items'] }>('product', '/reservations', {
    body: { orderId, items: [{ productId, quantity }] },
    headers: { 'idempotency-key': `${orderId}:reserve-stock` },
  });

describe('unknown outcomes leave markers', () => {
  it('a late charge after the void: the cancel of an order never created voids its payment, the charge is refused', async () => {
    const buyer = customer();
    const orderId = randomUUID();
    const cancelled = await cancel(orderId, buyer);
    expect(cancelled.status).toBe(200);
    expect(cancelled.body).toMatchObject({ id: orderId, status: 'cancelled', totalCents: 0 });
    // The payment service reacts to order.cancelled: a void payment takes the order's slot.
    await eventually(async () =>
      expect(await paymentOf(orderId)).toMatchObject({ status: 'void' }),
    );
    const late = await charge(orderId);
    expect(late.status).toBe(409);
    expect(await paymentOf(orderId)).toEqual({ status: 'void', amountCents: 0 });
  });

  it('a late charge that landed before the cancel is refunded by the payment service, not kept', async () => {
    const buyer = customer();
    const orderId = randomUUID();
    expect((await charge(orderId)).status).toBe(201);
    expect((await cancel(orderId, buyer)).body.status).toBe('cancelled');
    await eventually(async () =>
      expect(await paymentOf(orderId)).toEqual({ status: 'refunded', amountCents: 1250 }),
    );
  });

  it('a late reserve after the release: the released marker refuses it, nothing is held', async () => {
    const product = await createProduct(5);
    const orderId = randomUUID();
    const released = await invoke<{ status: string }>(
      'product',
      `/reservations/${orderId}/release`,
      { method: 'POST', headers: { 'idempotency-key': `${orderId}:release` } },
    );
    expect(released.body.status).toBe('none');
    const late = await reserve(orderId, product.id);
    expect(late.status).toBe(409);
    expect(await stockOf(product.id)).toEqual({ onHand: 5, reserved: 0 });
  });

  it('a reserve that landed before the cancel is released on order.cancelled, and stays released', async () => {
    const buyer = customer();
    const product = await createProduct(5);
    const orderId = randomUUID();
    expect((await reserve(orderId, product.id, 2)).status).toBe(200);
    expect(await stockOf(product.id)).toEqual({ onHand: 5, reserved: 2 });
    await cancel(orderId, buyer);
    await eventually(async () =>
      expect(await stockOf(product.id)).toEqual({ onHand: 5, reserved: 0 }),
    );
    // A retry of the same reserve (same key) is refused now, not a second hold.
    expect((await reserve(orderId, product.id, 2)).status).toBe(409);
  });

  it('a repeated reserve with its key is a replay of the first', async () => {
    const product = await createProduct(5);
    const orderId = randomUUID();
    const first = await reserve(orderId, product.id, 2);
    const again = await reserve(orderId, product.id, 2);
    expect(again.status).toBe(200);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body).toEqual(first.body);
    expect(await stockOf(product.id)).toEqual({ onHand: 5, reserved: 2 });
  });

  it('a late create-order after the cancel meets the cancelled placeholder, never a pending order', async () => {
    const buyer = customer();
    const product = await createProduct(5);
    const orderId = randomUUID();
    const reserved = await reserve(orderId, product.id);
    await cancel(orderId, buyer);
    const late = await invoke<OrderBody>('order', '/orders', {
      as: buyer,
      body: { id: orderId, items: reserved.body.items, address: ADDRESS },
    });
    expect(late.body.status).toBe('cancelled');
    // The shopper never sees the placeholder.
    const listed = await invoke<{ items: OrderBody[] }>('order', '/orders', { as: buyer });
    expect(listed.body.items).toEqual([]);
  });
});

describe('one owner of each undo; final orders', () => {
  it('a compensation that meets a paid order changes nothing and answers it as it is', async () => {
    const buyer = customer();
    const product = await createProduct(5);
    const order = await paidOrder(buyer, product.id, 2);
    const answer = await cancel(order.id, buyer);
    expect(answer.status).toBe(200);
    expect(answer.body.status).toBe('paid');
    expect(await paymentOf(order.id)).toMatchObject({ status: 'succeeded' });
    expect(await stockOf(product.id)).toEqual({ onHand: 3, reserved: 0 });
  });

  it('cancelling a pending order releases its stock and refunds its charge exactly once', async () => {
    const buyer = customer();
    const product = await createProduct(5);
    const order = await pendingOrder(buyer, product.id, 2);
    expect((await charge(order.id, order.totalCents)).status).toBe(201);
    expect((await cancel(order.id, buyer)).body.status).toBe('cancelled');
    expect((await cancel(order.id, buyer)).body.status).toBe('cancelled');
    await eventually(async () => {
      expect(await stockOf(product.id)).toEqual({ onHand: 5, reserved: 0 });
      expect(await paymentOf(order.id)).toMatchObject({ status: 'refunded' });
    });
  });
});

describe('saga leases in the database clock', () => {
  // A schema of the test's own with the checkout migrations: the running checkout service's
  // recovery would otherwise claim the test's stale sagas first.
  let scratch: Awaited<ReturnType<typeof scratchSchema>>;
  let sequelize: Sequelize;
  beforeAll(async () => {
    scratch = await scratchSchema('saga');
    sequelize = scratch.pools[0]!;
    await migrate(sequelize, migrations, createLogger('saga-test', 'silent'));
  });
  afterAll(() => scratch.close());

  const insertSaga = (id: string, leaseSql: string, status = 'running', token = 'first-run') =>
    sequelize.query(
      `INSERT INTO checkout_sagas (id, user_id, status, step_index, data, owner, lease_until,
                                   attempts, created_at, updated_at)
       VALUES (:id, 'lease-test', :status, 3, :data, :token, ${leaseSql}, 1, NOW(3), NOW(3))`,
      {
        replacements: {
          id,
          status,
          token,
          data: JSON.stringify({ orderId: id, userId: 'lease-test', address: ADDRESS }),
        },
      },
    );

  it('a lease renewed while a step runs is never taken over; one that ran out is, with a new token', async () => {
    const repo = new SagaRepository(sequelize, defineModels(sequelize), 600);
    const id = randomUUID();
    await insertSaga(id, repo.leaseSql());
    const first = { id, token: 'first-run' };
    // The step takes three lease lengths, renewing as it goes: recovery never sees it stale.
    for (let i = 0; i < 6; i++) {
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(await repo.renew(first)).toBe(true);
      expect(await repo.claim(id)).toBeUndefined();
    }
    // The run freezes (no renewals): once the database's clock passes the lease, recovery claims it.
    await new Promise((resolve) => setTimeout(resolve, 700));
    expect(await repo.findStale(1000)).toContain(id);
    const claimed = await repo.claim(id);
    expect(claimed?.lease.token).toBeDefined();
    expect(claimed!.lease.token).not.toBe('first-run');
    expect(claimed!.saga.attempts).toBe(2);
    // The frozen run wakes up: its writes are refused, its renewal fails.
    expect(await repo.renew(first)).toBe(false);
    await expect(repo.recordStep(first, 4, claimed!.saga.data)).rejects.toBeInstanceOf(
      LostOwnershipError,
    );
    // A second claimer loses: one run per saga.
    expect(await repo.claim(id)).toBeUndefined();
  });

  it('the lease ignores the app clock: a saga whose lease ends in the database future is not stale', async () => {
    const repo = new SagaRepository(sequelize, defineModels(sequelize), 60_000);
    const id = randomUUID();
    await insertSaga(id, 'NOW(3) + INTERVAL 60 SECOND');
    expect(await repo.findStale(1000)).not.toContain(id);
    expect(await repo.claim(id)).toBeUndefined();
  });

  it('a stuck saga is listed for admins and put back to work by the admin retry', async () => {
    const id = randomUUID();
    const data = JSON.stringify({ orderId: id, userId: 'stuck-test', address: ADDRESS });
    await withSchema('checkout', (db) =>
      db.query(
        `INSERT INTO checkout_sagas (id, user_id, status, step_index, data, owner, lease_until,
                                     attempts, parked_from, created_at, updated_at)
         VALUES (?, 'stuck-test', 'stuck', 1, ?, 'gone', NOW(3), 6, 'compensating', NOW(3), NOW(3))`,
        [id, data],
      ),
    );
    const token = await adminToken();
    const listed = await api<{ items: Array<{ id: string; status: string }> }>(
      '/admin/sagas?status=stuck',
      { token },
    );
    expect(listed.status).toBe(200);
    expect(listed.body.items.map((s) => s.id)).toContain(id);
    // Customers cannot, at the gateway or at the service.
    const stranger = await invoke('checkout', `/admin/sagas/${id}/retry`, {
      method: 'POST',
      as: customer(),
    });
    expect(stranger.status).toBe(403);
    expect((await api(`/admin/sagas/${id}/retry`, { method: 'POST' })).status).toBe(401);

    const retried = await api(`/admin/sagas/${id}/retry`, { token, method: 'POST' });
    expect(retried.status).toBe(202);
    // …and the retry is in the admin audit log.
    const log = await api<{ items: Array<{ action: string }> }>(`/admin/audit-log?targetId=${id}`, {
      token,
    });
    expect(log.body.items.map((e) => e.action)).toEqual(['saga.retried']);
    // Back where it parked; the checkout service's recovery takes it on and finishes the
    // compensation (the order service records the cancel).
    await eventually(async () => {
      const [rows] = await withSchema('checkout', (db) =>
        db.query('SELECT status FROM checkout_sagas WHERE id = ?', [id]),
      );
      expect(rows).toEqual([{ status: 'compensated' }]);
    }, 30_000);
    expect((await api(`/admin/sagas/${id}/retry`, { token, method: 'POST' })).status).toBe(409);
    expect(ADMIN.roles).toContain('admin');
  });
});

describe('reservations expire', () => {
  let scratch: Awaited<ReturnType<typeof scratchSchema>>;
  let sequelize: Sequelize;
  beforeAll(async () => {
    scratch = await scratchSchema('stock');
    sequelize = scratch.pools[0]!;
    await migrate(sequelize, productMigrations, createLogger('stock-test', 'silent'));
  });
  afterAll(() => scratch.close());

  it('a reservation nobody commits within its TTL is released by the sweep, and a late commit is refused', async () => {
    // A TTL of 1 s; stock.low is never crossed here, so no event is written.
    const stock = new StockRepository(sequelize, {} as Outbox, 0, 1);
    const productId = randomUUID();
    await sequelize.query(
      `INSERT INTO products (id, name, description, picture, price_cents, currency, stock_on_hand,
                             stock_reserved, units_received, created_at, updated_at)
       VALUES (:productId, 'TTL test', '', '/p.png', 100, 'USD', 5, 0, 5, NOW(3), NOW(3))`,
      { replacements: { productId } },
    );
    const kept = randomUUID();
    const forgotten = randomUUID();
    await stock.reserve(forgotten, [{ productId, quantity: 2 }]);
    expect(await stock.releaseExpired(10)).toEqual([]); // not expired yet
    await new Promise((resolve) => setTimeout(resolve, 1_200));
    await stock.reserve(kept, [{ productId, quantity: 1 }]); // fresh: not due
    expect(await stock.releaseExpired(10)).toEqual([forgotten]);
    expect(await stock.releaseExpired(10)).toEqual([]); // once
    const [row] = await sequelize.query(
      'SELECT stock_on_hand AS onHand, stock_reserved AS reserved FROM products WHERE id = :productId',
      { replacements: { productId }, type: QueryTypes.SELECT },
    );
    expect(row).toEqual({ onHand: 5, reserved: 1 });
    await expect(stock.commit(forgotten)).rejects.toMatchObject({ status: 409 });
    await expect(stock.reserve(forgotten, [{ productId, quantity: 2 }])).rejects.toMatchObject({
      status: 409,
    });
    expect(await stock.commit(kept)).toEqual({ orderId: kept, status: 'committed' });
  });
});
