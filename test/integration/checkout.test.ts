import { randomUUID } from 'node:crypto';
import { registerCustomer, type TestCustomer } from './support/auth';
import {
  addToCart,
  CHECKOUT_ADDRESS,
  checkoutBody,
  checkoutWithRetry,
  DECLINED_CARD,
  GOOD_CARD,
  postCheckout,
  registerCustomers,
} from './support/checkout';
import { ADMIN, createProduct, stockOf } from './support/commerce';
import { withSchema } from './support/db';
import { eventually } from './support/eventually';
import { api, errorCode, request } from './support/http';
import { invoke, opsUrl } from './support/invoke';

interface CartView {
  items: Array<{ productId: string; quantity: number }>;
  totalCents: number;
}
interface OrderView {
  id: string;
  status: string;
}

// Whole sagas over real sidecars on a shared 2-core machine; the race registers 50 buyers.
jest.setTimeout(120_000);

const paymentsFor = (orderId: string) =>
  withSchema('payment', async (db) => {
    const [rows] = await db.query(
      'SELECT status, amount_cents AS amountCents FROM payments WHERE order_id = ?',
      [orderId],
    );
    return rows as Array<{ status: string; amountCents: number }>;
  });

const ordersOf = async (token: string) =>
  (await api<{ items: OrderView[] }>('/orders?pageSize=100', { token })).body.items;

/**
 * Orders that were not rolled back. checkout-recovery.test.ts may crash the checkout process
 * while a test here is mid-saga; recovery then cancels that attempt (nothing charged) and the
 * client's retry with the same key runs afresh, so a cancelled extra order is legitimate.
 */
const liveOrdersOf = async (token: string) =>
  (await ordersOf(token)).filter((order) => order.status !== 'cancelled');

describe('checkout: every row of the contract through the gateway', () => {
  let buyer: TestCustomer;

  beforeAll(async () => {
    buyer = await registerCustomer('Checkout Buyer');
  });

  it('needs a token and an Idempotency-Key of 1..255 characters', async () => {
    expect((await api('/checkout', { body: checkoutBody() })).status).toBe(401);
    const noKey = await api('/checkout', { token: buyer.accessToken, body: checkoutBody() });
    expect(noKey.status).toBe(400);
    expect(errorCode(noKey)).toBe('VALIDATION_FAILED');
    const longKey = await postCheckout(buyer.accessToken, 'k'.repeat(256), checkoutBody());
    expect(longKey.status).toBe(400);
  });

  it('refuses invalid bodies and card data with 400 before touching anything', async () => {
    const product = await createProduct(5);
    await addToCart(buyer.accessToken, product.id, 1);
    const year = new Date().getUTCFullYear();
    const bad = [
      { ...checkoutBody(), extra: true },
      { card: GOOD_CARD },
      { address: CHECKOUT_ADDRESS },
      checkoutBody({ ...GOOD_CARD, number: '4242424242424241' }), // fails Luhn
      checkoutBody({ ...GOOD_CARD, number: '4242-4242-4242-4242' }),
      checkoutBody({ ...GOOD_CARD, expYear: year - 1 }),
      checkoutBody({ ...GOOD_CARD, expMonth: 13 }),
      checkoutBody({ ...GOOD_CARD, cvv: '12' }),
      checkoutBody({ ...GOOD_CARD, cvv: '12345' }),
      { ...checkoutBody(), card: { ...GOOD_CARD, number: 4242424242424242 } },
      { ...checkoutBody(), email: 'not-an-email' },
      checkoutBody(GOOD_CARD, { ...CHECKOUT_ADDRESS, city: '' }),
    ];
    for (const body of bad) {
      const res = await checkoutWithRetry(buyer.accessToken, body);
      expect(res.status).toBe(400);
      expect(errorCode(res)).toBe('VALIDATION_FAILED');
    }
    expect(await stockOf(product.id)).toEqual({ onHand: 5, reserved: 0 });
    expect((await api('/cart', { token: buyer.accessToken, method: 'DELETE' })).status).toBe(204);
  });

  it('answers 400 for an empty cart', async () => {
    const res = await checkoutWithRetry(buyer.accessToken, checkoutBody());
    expect(res.status).toBe(400);
    expect(errorCode(res)).toBe('VALIDATION_FAILED');
  });

  it('buys the cart: 201 with the paid order and payment, cart emptied, stock committed', async () => {
    const [mug, tee] = await Promise.all([createProduct(10, 1250), createProduct(3, 2000)]);
    await addToCart(buyer.accessToken, mug.id, 2);
    await addToCart(buyer.accessToken, tee.id, 1);
    const key = randomUUID();
    const body = { ...checkoutBody(), email: 'grace@example.com' };

    const res = await checkoutWithRetry(buyer.accessToken, body, key);
    expect(res.status).toBe(201);
    const { order, payment } = res.body;
    expect(order.status).toBe('paid');
    expect(order.totalCents).toBe(2 * 1250 + 2000);
    expect(order.currency).toBe('USD');
    expect(order.address).toEqual(CHECKOUT_ADDRESS);
    expect(order.items).toEqual(
      expect.arrayContaining([
        { productId: mug.id, name: mug.name, quantity: 2, unitPriceCents: 1250 },
        { productId: tee.id, name: tee.name, quantity: 1, unitPriceCents: 2000 },
      ]),
    );
    expect(payment).toEqual({
      id: expect.any(String),
      status: 'succeeded',
      amountCents: 4500,
      last4: '4242',
    });
    expect((await api<CartView>('/cart', { token: buyer.accessToken })).body.items).toEqual([]);
    expect(await stockOf(mug.id)).toEqual({ onHand: 8, reserved: 0 });
    expect(await stockOf(tee.id)).toEqual({ onHand: 2, reserved: 0 });
    const stored = await api<OrderView>(`/orders/${order.id}`, { token: buyer.accessToken });
    expect(stored.body.status).toBe('paid');

    // The same key and body: the first answer again, and no second charge.
    const again = await checkoutWithRetry(buyer.accessToken, body, key);
    expect(again.status).toBe(201);
    expect(again.body).toEqual(res.body);
    expect(await paymentsFor(order.id)).toEqual([{ status: 'succeeded', amountCents: 4500 }]);

    // The same key with another body is refused, whatever the cart holds now.
    const other = await checkoutWithRetry(
      buyer.accessToken,
      { ...body, address: { ...CHECKOUT_ADDRESS, city: 'Elsewhere' } },
      key,
    );
    expect(other.status).toBe(422);
    expect(errorCode(other)).toBe('IDEMPOTENCY_KEY_REUSED');
    // Another user may use the same key: keys are per user.
    const stranger = await registerCustomer();
    const theirs = await checkoutWithRetry(stranger.accessToken, body, key);
    expect(theirs.status).toBe(400); // their cart is empty
  });

  it('a declined card: 402, the order cancelled, the stock back, the cart kept', async () => {
    const declinedBuyer = await registerCustomer();
    const product = await createProduct(4, 999);
    await addToCart(declinedBuyer.accessToken, product.id, 3);
    const key = randomUUID();

    const res = await checkoutWithRetry(
      declinedBuyer.accessToken,
      checkoutBody(DECLINED_CARD),
      key,
    );
    expect(res.status).toBe(402);
    expect(errorCode(res)).toBe('PAYMENT_DECLINED');
    const orders = await ordersOf(declinedBuyer.accessToken);
    expect(orders.length).toBeGreaterThan(0);
    expect(orders.filter((o) => o.status !== 'cancelled')).toEqual([]);
    expect(await stockOf(product.id)).toEqual({ onHand: 4, reserved: 0 });
    const cart = (await api<CartView>('/cart', { token: declinedBuyer.accessToken })).body;
    expect(cart.items).toEqual([expect.objectContaining({ productId: product.id, quantity: 3 })]);

    const replay = await checkoutWithRetry(
      declinedBuyer.accessToken,
      checkoutBody(DECLINED_CARD),
      key,
    );
    expect(replay.status).toBe(402);
    expect(replay.body).toEqual(res.body);
    expect(await ordersOf(declinedBuyer.accessToken)).toHaveLength(orders.length);
  });

  it('not enough stock: 409 INSUFFICIENT_STOCK with details, nothing left reserved', async () => {
    const shortBuyer = await registerCustomer();
    const product = await createProduct(2);
    await addToCart(shortBuyer.accessToken, product.id, 5);
    const res = await checkoutWithRetry(shortBuyer.accessToken, checkoutBody());
    expect(res.status).toBe(409);
    expect(errorCode(res)).toBe('INSUFFICIENT_STOCK');
    expect((res.body as unknown as { error: { details: unknown } }).error.details).toEqual([
      { productId: product.id, requested: 5, available: 2 },
    ]);
    expect(await stockOf(product.id)).toEqual({ onHand: 2, reserved: 0 });
    expect(await ordersOf(shortBuyer.accessToken)).toEqual([]);
  });

  it('a product that left the catalog after it was put in the cart: 404, nothing reserved', async () => {
    const late = await registerCustomer();
    const [kept, removed] = await Promise.all([createProduct(5), createProduct(5)]);
    await addToCart(late.accessToken, kept.id, 1);
    await addToCart(late.accessToken, removed.id, 1);
    const deleted = await invoke('product', `/admin/products/${removed.id}`, {
      method: 'DELETE',
      as: ADMIN,
    });
    expect(deleted.status).toBe(204);
    const res = await checkoutWithRetry(late.accessToken, checkoutBody());
    expect(res.status).toBe(404);
    expect(errorCode(res)).toBe('NOT_FOUND');
    expect(await stockOf(kept.id)).toEqual({ onHand: 5, reserved: 0 });
    expect(await liveOrdersOf(late.accessToken)).toEqual([]);
  });

  it('20 parallel checkouts with one key: one order, one charge, 20 identical answers', async () => {
    const eager = await registerCustomer();
    const product = await createProduct(50, 1500);
    await addToCart(eager.accessToken, product.id, 2);
    const key = randomUUID();
    const answers = await Promise.all(
      Array.from({ length: 20 }, () => checkoutWithRetry(eager.accessToken, checkoutBody(), key)),
    );
    expect(answers.map((a) => a.status)).toEqual(answers.map(() => 201));
    const first = answers[0]!.body;
    for (const answer of answers) expect(answer.body).toEqual(first);
    expect(await liveOrdersOf(eager.accessToken)).toEqual([
      expect.objectContaining({ id: first.order.id, status: 'paid' }),
    ]);
    expect(await paymentsFor(first.order.id)).toEqual([{ status: 'succeeded', amountCents: 3000 }]);
    for (const order of await ordersOf(eager.accessToken)) {
      if (order.id !== first.order.id) expect(await paymentsFor(order.id)).toEqual([]);
    }
    expect(await stockOf(product.id)).toEqual({ onHand: 48, reserved: 0 });
  });

  it('50 buyers race for 10 units: exactly 10 paid orders, 40 × 409, stock 0 and never negative', async () => {
    const product = await createProduct(10, 700);
    const buyers = await registerCustomers(50);
    await Promise.all(buyers.map((b) => addToCart(b.accessToken, product.id, 1)));

    const answers = await Promise.all(
      buyers.map((b) => checkoutWithRetry(b.accessToken, checkoutBody())),
    );
    const statuses = answers.map((a) => a.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(10);
    expect(statuses.filter((s) => s === 409)).toHaveLength(40);
    for (const lost of answers.filter((a) => a.status === 409)) {
      expect(errorCode(lost)).toBe('INSUFFICIENT_STOCK');
    }
    expect(await stockOf(product.id)).toEqual({ onHand: 0, reserved: 0 });
    const paid = await withSchema('order', async (db) => {
      const [rows] = await db.query(
        `SELECT o.status, COUNT(*) AS n FROM orders o JOIN order_items i ON i.order_id = o.id
         WHERE i.product_id = ? AND o.status <> 'cancelled' GROUP BY o.status`,
        [product.id],
      );
      return rows as Array<{ status: string; n: number }>;
    });
    expect(paid).toEqual([{ status: 'paid', n: 10 }]);
  });

  it('stores neither the card number nor the CVV', async () => {
    const leaks = await withSchema('checkout', async (db) => {
      const [rows] = await db.query(
        `SELECT COUNT(*) AS n FROM checkout_sagas WHERE data LIKE '%4242424242424242%' OR data LIKE '%"cvv"%'`,
      );
      const [keys] = await db.query(
        `SELECT COUNT(*) AS n FROM checkout_idempotency WHERE response_body LIKE '%4242424242424242%'`,
      );
      return (
        Number((rows as Array<{ n: number }>)[0]!.n) + Number((keys as Array<{ n: number }>)[0]!.n)
      );
    });
    expect(leaks).toBe(0);
  });

  it('counts saga outcomes, durations, conflicts and declines on /metrics', async () => {
    const shopper = await registerCustomer();
    const plenty = await createProduct(10, 100);
    const scarce = await createProduct(0, 100);
    const count = (text: string, metric: string, outcome?: string) => {
      const labels = outcome ? `[^}]*outcome="${outcome}"` : '';
      const match = new RegExp(`^${metric}\\{${labels}[^}]*\\} (\\d+)`, 'm').exec(text);
      return Number(match?.[1] ?? 0);
    };
    // Counters live in the process; checkout-recovery.test.ts may restart it meanwhile, so the
    // outcomes are produced and read back together, and again if a restart wiped them between.
    await eventually(
      async () => {
        await addToCart(shopper.accessToken, plenty.id, 1);
        await checkoutWithRetry(shopper.accessToken, checkoutBody(DECLINED_CARD));
        expect((await checkoutWithRetry(shopper.accessToken, checkoutBody())).status).toBe(201);
        await addToCart(shopper.accessToken, scarce.id, 1);
        await checkoutWithRetry(shopper.accessToken, checkoutBody());
        await api('/cart', { token: shopper.accessToken, method: 'DELETE' });

        const { text } = await request('/metrics', {}, opsUrl('checkout'));
        expect(count(text, 'checkout_saga_outcomes_total', 'completed')).toBeGreaterThan(0);
        expect(count(text, 'checkout_saga_outcomes_total', 'refused')).toBeGreaterThan(1);
        expect(count(text, 'checkout_saga_duration_seconds_count', 'completed')).toBeGreaterThan(0);
        expect(count(text, 'checkout_reservation_conflicts_total')).toBeGreaterThan(0);
        expect(count(text, 'checkout_payment_declines_total')).toBeGreaterThan(0);
      },
      60_000,
      500,
    );
  });
});
