import { randomUUID } from 'node:crypto';
import Redis from 'ioredis';
import {
  ADDRESS,
  ADMIN,
  createProduct,
  customer,
  paidOrder,
  pendingOrder,
  stockOf,
  type OrderBody,
} from './support/commerce';
import { withSchema } from './support/db';
import { itEnv } from './support/env';
import { eventually } from './support/eventually';
import { errorCode, request } from './support/http';
import { invoke, opsUrl } from './support/invoke';

/** The order service as the gateway and the checkout saga call it, through Dapr. */
describe('orders through Dapr → order → MariaDB (and product, payment)', () => {
  it('creates a pending order idempotently per id with line snapshots and a total', async () => {
    const shopper = customer();
    const product = await createProduct(10, 1250);
    const order = await pendingOrder(shopper, product.id, 3);
    expect(order).toMatchObject({
      status: 'pending',
      totalCents: 3750,
      currency: 'USD',
      address: ADDRESS,
      items: [{ productId: product.id, name: product.name, quantity: 3, unitPriceCents: 1250 }],
    });
    const body = { id: order.id, items: order.items, address: ADDRESS };
    const again = await invoke<OrderBody>('order', '/orders', { as: shopper, body });
    expect(again.status).toBe(201);
    expect(again.body).toEqual(order);
    // Another user cannot claim (or learn about) the id.
    const stolen = await invoke('order', '/orders', { as: customer(), body });
    expect(stolen.status).toBe(409);
  });

  it('creates one order when the same create arrives several times at once', async () => {
    const shopper = customer();
    const id = randomUUID();
    const product = await createProduct(5, 300);
    const reserved = await invoke('product', '/reservations', {
      body: { orderId: id, items: [{ productId: product.id, quantity: 2 }] },
    });
    expect(reserved.status).toBe(200);
    const body = {
      id,
      items: [{ productId: product.id, name: product.name, quantity: 2, unitPriceCents: 300 }],
      address: ADDRESS,
    };
    const results = await Promise.all(
      Array.from({ length: 6 }, () => invoke<OrderBody>('order', '/orders', { as: shopper, body })),
    );
    for (const res of results) {
      expect(res.status).toBe(201);
      expect(res.body).toEqual(results[0]!.body);
    }
    const [rows] = await withSchema('order', (db) =>
      db.query('SELECT COUNT(*) AS n FROM order_items WHERE order_id = ?', [id]),
    );
    expect(Number((rows as Array<{ n: number }>)[0]!.n)).toBe(1);
  });

  it('shows only the caller’s own orders: another user’s order is 404', async () => {
    const [alice, bob] = [customer(), customer()];
    const product = await createProduct(10);
    const first = await pendingOrder(alice, product.id);
    const second = await pendingOrder(alice, product.id);
    const mine = await invoke<{
      items: OrderBody[];
      total: number;
      page: number;
      pageSize: number;
    }>('order', '/orders?pageSize=10', { as: alice });
    expect(mine.status).toBe(200);
    expect(mine.body).toMatchObject({ total: 2, page: 1, pageSize: 10 });
    expect(mine.body.items.map((o) => o.id)).toEqual([second.id, first.id]);
    const paged = await invoke<{ items: OrderBody[] }>('order', '/orders?pageSize=1&page=2', {
      as: alice,
    });
    expect(paged.body.items.map((o) => o.id)).toEqual([first.id]);

    const theirs = await invoke('order', `/orders/${first.id}`, { as: bob });
    expect(theirs.status).toBe(404);
    expect(errorCode(theirs)).toBe('NOT_FOUND');
    expect((await invoke<{ total: number }>('order', '/orders', { as: bob })).body.total).toBe(0);
    expect(
      (await invoke('order', `/orders/${first.id}/cancel`, { as: bob, method: 'POST' })).status,
    ).toBe(404);
    expect((await invoke('order', `/orders/${first.id}`, { as: alice })).status).toBe(200);
    expect((await invoke('order', `/orders/${first.id}`)).status).toBe(401);
  });

  it('refuses bad input with 400 and never a 500', async () => {
    const shopper = customer();
    const good = {
      id: randomUUID(),
      items: [{ productId: 'p-1', name: 'Mug', quantity: 1, unitPriceCents: 100 }],
      address: ADDRESS,
    };
    for (const body of [
      { ...good, items: [] },
      { ...good, userId: 'someone-else' },
      { ...good, address: { ...ADDRESS, city: '' } },
      { ...good, items: [{ ...good.items[0], quantity: -1 }] },
      { ...good, id: 'not an id' },
    ]) {
      const res = await invoke('order', '/orders', { as: shopper, body });
      expect(res.status).toBe(400);
      expect(errorCode(res)).toBe('VALIDATION_FAILED');
    }
    const malformed = await invoke('order', '/orders', { as: shopper, rawBody: '{"id":' });
    expect(malformed.status).toBe(400);
    for (const query of ['pageSize=0', 'pageSize=101', 'page=abc', 'userId=x']) {
      expect((await invoke('order', `/orders?${query}`, { as: shopper })).status).toBe(400);
    }
    expect((await invoke('order', `/orders/${randomUUID()}`, { as: shopper })).status).toBe(404);
  });

  it('cancels a pending order and releases its stock; cancelling again is 409', async () => {
    const shopper = customer();
    const product = await createProduct(5);
    const order = await pendingOrder(shopper, product.id, 2);
    expect(await stockOf(product.id)).toEqual({ onHand: 5, reserved: 2 });
    const cancelled = await invoke<OrderBody>('order', `/orders/${order.id}/cancel`, {
      as: shopper,
      method: 'POST',
    });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.status).toBe('cancelled');
    expect(await stockOf(product.id)).toEqual({ onHand: 5, reserved: 0 });
    const again = await invoke('order', `/orders/${order.id}/cancel`, {
      as: shopper,
      method: 'POST',
    });
    expect(again.status).toBe(409);
    expect(errorCode(again)).toBe('CONFLICT');
    const paid = await invoke('order', `/orders/${order.id}/mark-paid`, {
      as: shopper,
      body: { paymentId: randomUUID() },
    });
    expect(paid.status).toBe(409);
  });

  it('refunds a paid order: payment refunded, stock returned; then 409', async () => {
    const shopper = customer();
    const product = await createProduct(5);
    const order = await paidOrder(shopper, product.id, 2);
    expect(order.status).toBe('paid');
    expect(await stockOf(product.id)).toEqual({ onHand: 3, reserved: 0 });
    const refunded = await invoke<OrderBody>('order', `/orders/${order.id}/cancel`, {
      as: shopper,
      method: 'POST',
    });
    expect(refunded.status).toBe(200);
    expect(refunded.body.status).toBe('refunded');
    expect(await stockOf(product.id)).toEqual({ onHand: 5, reserved: 0 });
    const payment = await invoke<{ status: string }>('payment', `/payments/by-order/${order.id}`);
    expect(payment.body.status).toBe('refunded');
    const again = await invoke('order', `/orders/${order.id}/cancel`, {
      as: shopper,
      method: 'POST',
    });
    expect(again.status).toBe(409);
    const ship = await invoke('order', `/admin/orders/${order.id}/ship`, {
      as: ADMIN,
      method: 'POST',
    });
    expect(ship.status).toBe(409);
  });

  it('marks paid idempotently, ships paid orders (admin only), and refuses the rest with 409', async () => {
    const shopper = customer();
    const product = await createProduct(5);
    const pending = await pendingOrder(shopper, product.id);
    const early = await invoke('order', `/admin/orders/${pending.id}/ship`, {
      as: ADMIN,
      method: 'POST',
    });
    expect(early.status).toBe(409);

    const order = await paidOrder(shopper, product.id);
    const repeat = await invoke<OrderBody>('order', `/orders/${order.id}/mark-paid`, {
      as: shopper,
      body: { paymentId: randomUUID() },
    });
    expect(repeat.status).toBe(200);
    expect(repeat.body.status).toBe('paid');
    const byCustomer = await invoke('order', `/admin/orders/${order.id}/ship`, {
      as: shopper,
      method: 'POST',
    });
    expect(byCustomer.status).toBe(403);
    const shipped = await invoke<OrderBody>('order', `/admin/orders/${order.id}/ship`, {
      as: ADMIN,
      method: 'POST',
    });
    expect(shipped.status).toBe(200);
    expect(shipped.body.status).toBe('shipped');
    for (const path of [`/admin/orders/${order.id}/ship`, `/orders/${order.id}/cancel`]) {
      const res = await invoke('order', path, {
        as: path.startsWith('/admin') ? ADMIN : shopper,
        method: 'POST',
      });
      expect(res.status).toBe(409);
    }
    // A saga's late compensation that meets a final order counts as done: answered as it is.
    const cancelPaid = await invoke<OrderBody>('order', `/orders/${order.id}/mark-cancelled`, {
      as: shopper,
      body: { reason: 'late compensation' },
    });
    expect(cancelPaid.status).toBe(200);
    expect(cancelPaid.body.status).toBe('shipped');
  });

  it('marks cancelled idempotently; product’s order.cancelled subscriber releases the stock', async () => {
    const shopper = customer();
    const product = await createProduct(5);
    const order = await pendingOrder(shopper, product.id);
    for (let i = 0; i < 2; i++) {
      const res = await invoke<OrderBody>('order', `/orders/${order.id}/mark-cancelled`, {
        as: shopper,
        body: { reason: 'payment declined' },
      });
      expect(res.status).toBe(200);
      expect(res.body.status).toBe('cancelled');
    }
    // The order service releases nothing here; product's order.cancelled subscriber is the backstop.
    await eventually(async () =>
      expect(await stockOf(product.id)).toEqual({ onHand: 5, reserved: 0 }),
    );
  });

  it('keeps the line snapshot after the product changes or is deleted', async () => {
    const shopper = customer();
    const product = await createProduct(5, 999);
    const order = await paidOrder(shopper, product.id);
    await invoke('product', `/admin/products/${product.id}`, {
      as: ADMIN,
      method: 'PATCH',
      body: { name: 'Renamed', priceCents: 1 },
    });
    await invoke('product', `/admin/products/${product.id}`, { as: ADMIN, method: 'DELETE' });
    const read = await invoke<OrderBody>('order', `/orders/${order.id}`, { as: shopper });
    expect(read.body.items).toEqual([
      { productId: product.id, name: product.name, quantity: 1, unitPriceCents: 999 },
    ]);
  });

  it('publishes order.created, order.paid and order.refunded as CloudEvents', async () => {
    const shopper = customer();
    const product = await createProduct(5);
    const order = await paidOrder(shopper, product.id);
    await invoke('order', `/orders/${order.id}/cancel`, { as: shopper, method: 'POST' });
    const redis = new Redis(itEnv('REDIS_URL'));
    try {
      await eventually(async () => {
        for (const topic of ['order.created', 'order.paid', 'order.refunded']) {
          const entries = await redis.xrange(topic, '-', '+');
          const events = entries.map(([, fields]) => {
            const event = JSON.parse(fields[fields.indexOf('data') + 1]!) as {
              id: string;
              specversion: string;
              data?: { data?: unknown };
            };
            expect(event.specversion).toBe('1.0');
            return event;
          });
          // Other files publish probes of their own on these topics (dapr-scopes: a bare body).
          const ours = events.find(
            (e) => (e.data?.data as { orderId?: string } | undefined)?.orderId === order.id,
          );
          expect(ours?.data?.data).toEqual({
            orderId: order.id,
            userId: shopper.userId,
            totalCents: order.totalCents,
          });
          // Published through the outbox: the CloudEvent id is the outbox row's id.
          const [rows] = await withSchema('order', (db) =>
            db.query('SELECT topic, published_at FROM outbox_events WHERE id = ?', [ours!.id]),
          );
          const row = (rows as Array<{ topic: string; published_at: Date | null }>)[0];
          expect(row?.topic).toBe(topic);
          expect(row?.published_at).not.toBeNull();
        }
      });
    } finally {
      redis.disconnect();
    }
    const metrics = await request('/metrics', {}, opsUrl('order'));
    expect(metrics.text).toMatch(/order_transitions_total\{[^}]*to="refunded"[^}]*\} [1-9]/);
  });
});
