import { randomUUID } from 'node:crypto';
import Redis from 'ioredis';
import { withSchema } from './support/db';
import { itEnv } from './support/env';
import { eventually } from './support/eventually';
import { errorCode, request } from './support/http';
import { invoke, opsUrl } from './support/invoke';

/** Stock reservations as the checkout saga and the order service call them, through Dapr. */
const admin = { userId: 'admin-1', roles: ['admin'] };

interface Product {
  id: string;
  name: string;
  priceCents: number;
  stock: number;
}

async function newProduct(stock: number, priceCents = 1500): Promise<Product> {
  const res = await invoke<Product>('product', '/admin/products', {
    as: admin,
    body: { name: `Stock test ${randomUUID()}`, priceCents, stock, categories: ['test-stock'] },
  });
  expect(res.status).toBe(201);
  return res.body;
}

const stockOf = async (id: string) =>
  withSchema('product', async (db) => {
    const [rows] = await db.query(
      'SELECT stock_on_hand, stock_reserved FROM products WHERE id = ?',
      [id],
    );
    const row = (rows as Array<{ stock_on_hand: number; stock_reserved: number }>)[0]!;
    return { onHand: row.stock_on_hand, reserved: row.stock_reserved };
  });

const reserve = (orderId: string, items: Array<{ productId: string; quantity: number }>) =>
  invoke<{
    orderId: string;
    status: string;
    items: Array<{ productId: string; name: string; quantity: number; unitPriceCents: number }>;
  }>('product', '/reservations', { body: { orderId, items } });

describe('stock reservations through Dapr → product → MariaDB', () => {
  it('reserves with a name and price snapshot, and replays the same answer per order', async () => {
    const [a, b] = [await newProduct(10, 1200), await newProduct(4, 700)];
    const orderId = randomUUID();
    const items = [
      { productId: a.id, quantity: 2 },
      { productId: b.id, quantity: 1 },
      { productId: a.id, quantity: 1 },
    ];
    const first = await reserve(orderId, items);
    expect(first.status).toBe(200);
    expect(first.body.status).toBe('reserved');
    expect(first.body.items).toEqual(
      expect.arrayContaining([
        { productId: a.id, name: a.name, quantity: 3, unitPriceCents: 1200 },
        { productId: b.id, name: b.name, quantity: 1, unitPriceCents: 700 },
      ]),
    );
    const again = await reserve(orderId, items);
    expect(again.status).toBe(200);
    expect(again.body).toEqual(first.body);
    expect(await stockOf(a.id)).toEqual({ onHand: 10, reserved: 3 });
    const shown = await invoke<Product>('product', `/products/${a.id}`);
    expect(shown.body.stock).toBe(7);
  });

  it('refuses the whole order when one line is short and reports every short line', async () => {
    const [a, b, c] = [await newProduct(5), await newProduct(1), await newProduct(0)];
    const res = await reserve(randomUUID(), [
      { productId: a.id, quantity: 2 },
      { productId: b.id, quantity: 2 },
      { productId: c.id, quantity: 1 },
    ]);
    expect(res.status).toBe(409);
    expect(errorCode(res)).toBe('INSUFFICIENT_STOCK');
    const details = (res.body as unknown as { error: { details: unknown[] } }).error.details;
    expect(details).toEqual(
      expect.arrayContaining([
        { productId: b.id, requested: 2, available: 1 },
        { productId: c.id, requested: 1, available: 0 },
      ]),
    );
    expect(details).toHaveLength(2);
    expect(await stockOf(a.id)).toEqual({ onHand: 5, reserved: 0 });
    const metrics = await request('/metrics', {}, opsUrl('product'));
    expect(metrics.text).toMatch(/product_reservation_conflicts_total\{[^}]*\} [1-9]/);
  });

  it('answers 404 for an unknown product and 400 for a bad body', async () => {
    const unknown = await reserve(randomUUID(), [{ productId: randomUUID(), quantity: 1 }]);
    expect(unknown.status).toBe(404);
    expect(errorCode(unknown)).toBe('NOT_FOUND');
    for (const body of [
      {},
      { orderId: randomUUID(), items: [] },
      { orderId: randomUUID(), items: [{ productId: 'x', quantity: -1 }] },
      { orderId: randomUUID(), items: [{ productId: 'x', quantity: 1 }], userId: 'u' },
    ]) {
      const res = await invoke('product', '/reservations', { body });
      expect(res.status).toBe(400);
      expect(errorCode(res)).toBe('VALIDATION_FAILED');
    }
  });

  it('never oversells: 12 buyers racing for 3 units, exactly 3 win', async () => {
    const product = await newProduct(3);
    const results = await Promise.all(
      Array.from({ length: 12 }, () =>
        reserve(randomUUID(), [{ productId: product.id, quantity: 1 }]),
      ),
    );
    const statuses = results.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 200)).toHaveLength(3);
    expect(statuses.filter((s) => s === 409)).toHaveLength(9);
    expect(await stockOf(product.id)).toEqual({ onHand: 3, reserved: 3 });
  });

  it('reserves once when the same order is reserved several times at once', async () => {
    const product = await newProduct(20);
    const orderId = randomUUID();
    const results = await Promise.all(
      Array.from({ length: 6 }, () => reserve(orderId, [{ productId: product.id, quantity: 2 }])),
    );
    for (const res of results) {
      expect(res.status).toBe(200);
      expect(res.body).toEqual(results[0]!.body);
    }
    expect(await stockOf(product.id)).toEqual({ onHand: 20, reserved: 2 });
  });

  it('commits (units leave the shelf) and releases (committed units come back), idempotently', async () => {
    const product = await newProduct(10);
    const orderId = randomUUID();
    expect((await reserve(orderId, [{ productId: product.id, quantity: 4 }])).status).toBe(200);
    for (let i = 0; i < 2; i++) {
      const commit = await invoke('product', `/reservations/${orderId}/commit`, { method: 'POST' });
      expect(commit.status).toBe(200);
      expect(commit.body).toEqual({ orderId, status: 'committed' });
    }
    expect(await stockOf(product.id)).toEqual({ onHand: 6, reserved: 0 });
    for (let i = 0; i < 2; i++) {
      const release = await invoke('product', `/reservations/${orderId}/release`, {
        method: 'POST',
      });
      expect(release.body).toEqual({ orderId, status: 'released' });
    }
    expect(await stockOf(product.id)).toEqual({ onHand: 10, reserved: 0 });
    // A released reservation is not revived by a late retry of the reserve call.
    const late = await reserve(orderId, [{ productId: product.id, quantity: 4 }]);
    expect(late.status).toBe(409);
    expect(errorCode(late)).toBe('CONFLICT');
  });

  it('releases reserved units, and answers "none" for an order it never saw', async () => {
    const product = await newProduct(2);
    const orderId = randomUUID();
    await reserve(orderId, [{ productId: product.id, quantity: 2 }]);
    expect(await stockOf(product.id)).toEqual({ onHand: 2, reserved: 2 });
    const release = await invoke('product', `/reservations/${orderId}/release`, { method: 'POST' });
    expect(release.body).toEqual({ orderId, status: 'released' });
    expect(await stockOf(product.id)).toEqual({ onHand: 2, reserved: 0 });
    const none = await invoke('product', `/reservations/${randomUUID()}/release`, {
      method: 'POST',
    });
    expect(none.status).toBe(200);
    expect((none.body as { status: string }).status).toBe('none');
    const commitUnknown = await invoke('product', `/reservations/${randomUUID()}/commit`, {
      method: 'POST',
    });
    expect(commitUnknown.status).toBe(404);
  });

  it('publishes stock.low (a CloudEvent) when available stock falls to the threshold', async () => {
    const product = await newProduct(8);
    await reserve(randomUUID(), [{ productId: product.id, quantity: 4 }]);
    const redis = new Redis(itEnv('REDIS_URL'));
    try {
      await eventually(async () => {
        // The Redis pub/sub component keeps each topic as a stream of that name.
        const entries = await redis.xrange('stock.low', '-', '+');
        const events = entries.map(([, fields]) => {
          const data = fields[fields.indexOf('data') + 1]!;
          return JSON.parse(data) as { data: { data: { productId: string; available: number } } };
        });
        expect(events.map((e) => e.data.data)).toContainEqual({
          productId: product.id,
          available: 4,
        });
      });
    } finally {
      redis.disconnect();
    }
  });
});
