import { randomUUID } from 'node:crypto';
import { registerCustomer, type TestCustomer } from './support/auth';
import {
  addToCart,
  checkoutBody,
  checkoutWithRetry,
  postCheckout,
  type CheckoutResult,
} from './support/checkout';
import { createProduct, stockOf } from './support/commerce';
import { withSchema } from './support/db';
import { eventually } from './support/eventually';
import { api } from './support/http';
import { restartService } from './support/stack-control';

/**
 * Crash recovery of the checkout saga. This is the only test file that restarts the checkout
 * service. The fault switch is armed for one test user only, so checkouts other test files run
 * meanwhile are never crashed; during the restart itself they may see a 503, which their client
 * (checkoutWithRetry) answers by retrying with the same Idempotency-Key, as a real client would.
 */
jest.setTimeout(120_000);

interface OrderView {
  id: string;
  status: string;
}

const ordersOf = async (token: string) =>
  (await api<{ items: OrderView[] }>('/orders?pageSize=100', { token })).body.items;

const paymentsFor = (orderId: string) =>
  withSchema('payment', async (db) => {
    const [rows] = await db.query(
      'SELECT status, amount_cents AS amountCents FROM payments WHERE order_id = ?',
      [orderId],
    );
    return rows as Array<{ status: string; amountCents: number }>;
  });

const sagasOf = (userId: string) =>
  withSchema('checkout', async (db) => {
    const [rows] = await db.query(
      'SELECT id, status FROM checkout_sagas WHERE user_id = ? ORDER BY created_at',
      [userId],
    );
    return rows as Array<{ id: string; status: string }>;
  });

/** Arms the fault switch for one buyer; a short lease lets the restarted process take over at once. */
const armCrash = (after: string, buyer: TestCustomer) =>
  restartService('checkout', {
    GOMALL_FAULT_CRASH_AFTER: after,
    GOMALL_FAULT_CRASH_USER: buyer.id,
    SAGA_LEASE_MS: '500',
  });

afterAll(async () => {
  // Leave the checkout service as every other test expects it: unarmed, default settings.
  await restartService('checkout');
});

describe('checkout crash recovery (the process dies mid-saga, then comes back)', () => {
  it('a crash right after the charge: on restart the order ends paid, stock and payment agree', async () => {
    const buyer = await registerCustomer('Crash After Charge');
    const product = await createProduct(5, 1100);
    await addToCart(buyer.accessToken, product.id, 2);
    const key = randomUUID();

    await armCrash('charge-payment', buyer);
    const interrupted = await postCheckout(buyer.accessToken, key, checkoutBody());
    expect(interrupted.status).toBeGreaterThanOrEqual(500);

    // The charge went through before the crash; nothing has been marked paid or committed yet.
    const [saga] = await sagasOf(buyer.id);
    expect(saga!.status).toBe('running');
    expect(await paymentsFor(saga!.id)).toEqual([{ status: 'succeeded', amountCents: 2200 }]);
    expect(await stockOf(product.id)).toEqual({ onHand: 5, reserved: 2 });

    await restartService('checkout');
    await eventually(async () => {
      expect(await sagasOf(buyer.id)).toEqual([{ id: saga!.id, status: 'completed' }]);
    }, 30_000);
    expect(await ordersOf(buyer.accessToken)).toEqual([
      expect.objectContaining({ id: saga!.id, status: 'paid' }),
    ]);
    expect(await paymentsFor(saga!.id)).toEqual([{ status: 'succeeded', amountCents: 2200 }]);
    expect(await stockOf(product.id)).toEqual({ onHand: 3, reserved: 0 });
    expect(
      (await api<{ items: unknown[] }>('/cart', { token: buyer.accessToken })).body.items,
    ).toEqual([]);

    // The buyer's retry with the same key gets the answer recovery stored: the same paid order.
    const retried = await checkoutWithRetry<CheckoutResult>(buyer.accessToken, checkoutBody(), key);
    expect(retried.status).toBe(201);
    expect(retried.body.order).toMatchObject({ id: saga!.id, status: 'paid', totalCents: 2200 });
    expect(retried.body.payment).toMatchObject({ status: 'succeeded', amountCents: 2200 });
  });

  it('a crash before the charge: on restart everything is compensated, and a retry starts afresh', async () => {
    const buyer = await registerCustomer('Crash Before Charge');
    const product = await createProduct(4, 900);
    await addToCart(buyer.accessToken, product.id, 3);
    const key = randomUUID();

    await armCrash('create-order', buyer);
    const interrupted = await postCheckout(buyer.accessToken, key, checkoutBody());
    expect(interrupted.status).toBeGreaterThanOrEqual(500);
    const [saga] = await sagasOf(buyer.id);
    expect(await stockOf(product.id)).toEqual({ onHand: 4, reserved: 3 });

    await restartService('checkout');
    await eventually(async () => {
      expect(await sagasOf(buyer.id)).toEqual([{ id: saga!.id, status: 'compensated' }]);
    }, 30_000);
    expect(await ordersOf(buyer.accessToken)).toEqual([
      expect.objectContaining({ id: saga!.id, status: 'cancelled' }),
    ]);
    // Never charged: the payment service voids the order's payment on order.cancelled, so a
    // charge from the crashed run could never land later.
    await eventually(async () => {
      expect(await paymentsFor(saga!.id)).toEqual([{ status: 'void', amountCents: 0 }]);
    });
    expect(await stockOf(product.id)).toEqual({ onHand: 4, reserved: 0 });

    // Nothing was charged and the key was released: the same request now buys the cart once.
    const retried = await checkoutWithRetry<CheckoutResult>(buyer.accessToken, checkoutBody(), key);
    expect(retried.status).toBe(201);
    expect(retried.body.order.id).not.toBe(saga!.id);
    expect(await stockOf(product.id)).toEqual({ onHand: 1, reserved: 0 });
    const sagas = await sagasOf(buyer.id);
    expect(sagas.map((s) => s.status)).toEqual(['compensated', 'completed']);
  });
});
