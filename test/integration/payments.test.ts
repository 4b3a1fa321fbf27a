import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Redis from 'ioredis';
import { createProduct, customer, pendingOrder } from './support/commerce';
import { withSchema } from './support/db';
import { eventually } from './support/eventually';
import { itEnv } from './support/env';
import { errorCode, request } from './support/http';
import { invoke, opsUrl, publishAs } from './support/invoke';

/** Payments as the checkout saga and the order service call them, through Dapr. */
const card = { number: '4242424242424242', expMonth: 12, expYear: 2099, cvv: '123' };
const charge = (orderId: string, overrides: Record<string, unknown> = {}) =>
  invoke<Record<string, unknown>>('payment', '/payments', {
    body: { orderId, amountCents: 4599, currency: 'USD', card, ...overrides },
  });

describe('payments through Dapr → payment → MariaDB', () => {
  it('charges once per order and answers a repeated charge with the first result', async () => {
    const orderId = randomUUID();
    const first = await charge(orderId);
    expect(first.status).toBe(201);
    expect(first.body).toEqual({
      id: expect.any(String),
      orderId,
      status: 'succeeded',
      amountCents: 4599,
      currency: 'USD',
      last4: '4242',
      brand: 'visa',
    });
    const parallel = await Promise.all([charge(orderId), charge(orderId), charge(orderId)]);
    for (const again of parallel) {
      expect(again.status).toBe(201);
      expect(again.body).toEqual(first.body);
    }
    const other = await charge(orderId, { amountCents: 1 });
    expect(other.status).toBe(409);
    const rows = await withSchema('payment', async (db) => {
      const [result] = await db.query('SELECT * FROM payments WHERE order_id = ?', [orderId]);
      return result as Array<Record<string, unknown>>;
    });
    expect(rows).toHaveLength(1);
    // Only brand and last 4 are stored: no column holds the number or the CVV.
    expect(JSON.stringify(rows)).not.toContain('4242424242424242');
    expect(Object.keys(rows[0]!)).not.toEqual(expect.arrayContaining(['cvv']));
  });

  it('declines 4000000000000002 with 402, keeps the failed record and replays the decline', async () => {
    const orderId = randomUUID();
    const declined = await charge(orderId, { card: { ...card, number: '4000000000000002' } });
    expect(declined.status).toBe(402);
    expect(errorCode(declined)).toBe('PAYMENT_DECLINED');
    // A good card for the same order does not turn a decline into a charge.
    const replay = await charge(orderId);
    expect(replay.status).toBe(402);
    const stored = await invoke<Record<string, unknown>>(
      'payment',
      `/payments/by-order/${orderId}`,
    );
    expect(stored.status).toBe(200);
    expect(stored.body).toMatchObject({ orderId, status: 'failed', last4: '0002' });
    const refund = await invoke('payment', `/payments/by-order/${orderId}/refund`, {
      method: 'POST',
    });
    expect(refund.status).toBe(409);
    const metrics = await request('/metrics', {}, opsUrl('payment'));
    expect(metrics.text).toMatch(/payment_declines_total\{[^}]*\} [1-9]/);
  });

  it('refunds idempotently', async () => {
    const orderId = randomUUID();
    expect((await charge(orderId)).status).toBe(201);
    for (let i = 0; i < 2; i++) {
      const refund = await invoke<Record<string, unknown>>(
        'payment',
        `/payments/by-order/${orderId}/refund`,
        { method: 'POST' },
      );
      expect(refund.status).toBe(200);
      expect(refund.body).toMatchObject({ orderId, status: 'refunded', amountCents: 4599 });
    }
    const unknown = await invoke('payment', `/payments/by-order/${randomUUID()}/refund`, {
      method: 'POST',
    });
    expect(unknown.status).toBe(404);
    expect((await invoke('payment', `/payments/by-order/${randomUUID()}`)).status).toBe(404);
  });

  it('refuses invalid cards and bodies with 400, and never stores or logs the card', async () => {
    const bad = [
      { card: { ...card, number: '4242424242424241' } },
      { card: { ...card, expMonth: 1, expYear: 2020 } },
      { card: { ...card, cvv: '12' } },
      { card: { ...card, cvv: '12345' } },
      { amountCents: -5 },
      { amountCents: 10.5 },
      { currency: 'EUR' },
      { userId: 'someone' },
    ];
    for (const overrides of bad) {
      const orderId = randomUUID();
      const res = await charge(orderId, overrides);
      expect(res.status).toBe(400);
      expect(errorCode(res)).toBe('VALIDATION_FAILED');
      expect(res.text).not.toContain('4242424242424241');
    }
    const log = readFileSync(join(itEnv('DATA_DIR'), 'logs', 'payment.log'), 'utf8');
    expect(log).not.toContain('4242424242424242');
    expect(log).not.toContain('4242424242424241');
    expect(log).not.toContain('4000000000000002');
  });

  it('sends a malformed order.cancelled to the dead-letter topic and keeps consuming', async () => {
    const marker = randomUUID();
    const publish = (data: unknown) => publishAs('order', 'order.cancelled', data);
    expect((await publish({ data: { orderId: 42, marker } })).status).toBe(204);

    // The topic is not blocked: a good event behind the poison one is handled (its payment
    // refunded): a charged pending order that the saga then cancels, as the order service says.
    const shopper = customer();
    const order = await pendingOrder(shopper, (await createProduct(3)).id);
    const orderId = order.id;
    expect((await charge(orderId, { amountCents: order.totalCents })).status).toBe(201);
    const cancelled = await invoke('order', `/orders/${orderId}/mark-cancelled`, {
      as: shopper,
      body: { reason: 'checkout stopped' },
    });
    expect(cancelled.status).toBe(200);
    await eventually(async () => {
      const payment = await invoke<{ status: string }>('payment', `/payments/by-order/${orderId}`);
      expect(payment.body.status).toBe('refunded');
    }, 20_000);

    const redis = new Redis(itEnv('REDIS_URL'));
    try {
      await eventually(async () => {
        const entries = await redis.xrange('deadletter', '-', '+');
        expect(entries.some(([, fields]) => fields.join(' ').includes(marker))).toBe(true);
      }, 20_000);
    } finally {
      redis.disconnect();
    }
  }, 45_000);
});
