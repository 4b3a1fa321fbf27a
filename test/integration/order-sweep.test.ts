import { createProduct, customer, pendingOrder, stockOf, type OrderBody } from './support/commerce';
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
    expect(await stockOf(product.id)).toEqual({ onHand: 6, reserved: 1 });
    const stillPending = await invoke<OrderBody>('order', `/orders/${fresh.id}`, { as: shopper });
    expect(stillPending.body.status).toBe('pending');
    const reason = await withSchema('order', async (db) => {
      const [rows] = await db.query('SELECT cancel_reason FROM orders WHERE id = ?', [expired.id]);
      return (rows as Array<{ cancel_reason: string }>)[0]!.cancel_reason;
    });
    expect(reason).toBe('reservation window expired');
  }, 60_000);
});
