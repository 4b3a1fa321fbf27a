import {
  createProduct,
  customer,
  GOOD_CARD,
  pendingOrder,
  stockOf,
  type OrderBody,
} from './support/commerce';
import { withSchema } from './support/db';
import { eventually } from './support/eventually';
import { invoke } from './support/invoke';

/**
 * The reservation window: the Dapr cron binding `order-sweep` ticks on its own; a pending order
 * older than the window (back-dated here, so the shared stack keeps its normal 15-minute window
 * and nobody else's in-flight order is touched) is cancelled and its stock released.
 */
describe('reservation-window sweep (Dapr cron binding → order → product)', () => {
  it('cancels an expired pending order and releases its stock, leaving fresh ones alone', async () => {
    const shopper = customer();
    const product = await createProduct(6);
    const expired = await pendingOrder(shopper, product.id, 2);
    const fresh = await pendingOrder(shopper, product.id, 1);
    expect(await stockOf(product.id)).toEqual({ onHand: 6, reserved: 3 });
    await withSchema('order', (db) =>
      db.execute('UPDATE orders SET created_at = NOW(3) - INTERVAL 1 HOUR WHERE id = ?', [
        expired.id,
      ]),
    );

    // No call from the test: the cron binding (every 15 s) has to do it.
    await eventually(
      async () => {
        const read = await invoke<OrderBody>('order', `/orders/${expired.id}`, { as: shopper });
        expect(read.body.status).toBe('cancelled');
      },
      40_000,
      1000,
    );
    // The status changes first and the release follows it (see Orders.sweep), so the
    // stock is waited for rather than read at the instant the status turned.
    await eventually(
      async () => expect(await stockOf(product.id)).toEqual({ onHand: 6, reserved: 1 }),
      10_000,
      250,
    );
    const stillPending = await invoke<OrderBody>('order', `/orders/${fresh.id}`, { as: shopper });
    expect(stillPending.body.status).toBe('pending');
    const reason = await withSchema('order', async (db) => {
      const [rows] = await db.query('SELECT cancel_reason FROM orders WHERE id = ?', [expired.id]);
      return (rows as Array<{ cancel_reason: string }>)[0]!.cancel_reason;
    });
    expect(reason).toBe('reservation window expired');
  }, 60_000);

  it('refunds the payment of an expired order whose checkout stopped after charging', async () => {
    const shopper = customer();
    const product = await createProduct(3);
    const order = await pendingOrder(shopper, product.id, 1);
    // The saga charged, then stopped before committing the stock and marking the order paid.
    const charged = await invoke('payment', '/payments', {
      body: { orderId: order.id, amountCents: order.totalCents, currency: 'USD', card: GOOD_CARD },
    });
    expect(charged.status).toBe(201);
    await withSchema('order', (db) =>
      db.execute('UPDATE orders SET created_at = NOW(3) - INTERVAL 1 HOUR WHERE id = ?', [
        order.id,
      ]),
    );

    // cron sweep → order.cancelled → payment's subscriber refunds (and product's releases).
    await eventually(
      async () => {
        const payment = await invoke<{ status: string }>(
          'payment',
          `/payments/by-order/${order.id}`,
        );
        expect(payment.body.status).toBe('refunded');
      },
      45_000,
      1000,
    );
    const read = await invoke<OrderBody>('order', `/orders/${order.id}`, { as: shopper });
    expect(read.body.status).toBe('cancelled');
    await eventually(
      async () => expect(await stockOf(product.id)).toEqual({ onHand: 3, reserved: 0 }),
      10_000,
      250,
    );
  }, 60_000);
});
