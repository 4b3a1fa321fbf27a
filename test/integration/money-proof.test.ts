import { randomUUID } from 'node:crypto';
import {
  ADDRESS,
  createProduct,
  customer,
  GOOD_CARD,
  paidOrder,
  pendingOrder,
  type OrderBody,
} from './support/commerce';
import { errorCode } from './support/http';
import { invoke, publishAs } from './support/invoke';

/**
 * Proof, not claims, for money moves (docs/security.md): an order is paid only when the payment
 * service holds its payment, a refund on order.cancelled happens only when the order service says
 * the order is cancelled, and prices come from the catalog, never from the caller.
 */
const charge = (orderId: string, amountCents: number) =>
  invoke<{ id: string }>('payment', '/payments', {
    body: { orderId, amountCents, currency: 'USD', card: GOOD_CARD },
  });

describe('mark-paid needs a succeeded payment of the order’s amount', () => {
  it('is 409 without any payment, and the order stays pending', async () => {
    const shopper = customer();
    const order = await pendingOrder(shopper, (await createProduct(3)).id);
    const res = await invoke('order', `/orders/${order.id}/mark-paid`, {
      as: shopper,
      body: { paymentId: randomUUID() },
    });
    expect(res.status).toBe(409);
    expect(errorCode(res)).toBe('CONFLICT');
    const read = await invoke<OrderBody>('order', `/orders/${order.id}`, { as: shopper });
    expect(read.body.status).toBe('pending');
  });

  it('is 409 for a payment of another amount or another id, 200 with the real one', async () => {
    const shopper = customer();
    const order = await pendingOrder(shopper, (await createProduct(3, 2000)).id);
    const cheap = await charge(order.id, 1);
    expect(cheap.status).toBe(201);
    const underpaid = await invoke('order', `/orders/${order.id}/mark-paid`, {
      as: shopper,
      body: { paymentId: cheap.body.id },
    });
    expect(underpaid.status).toBe(409);

    const other = await pendingOrder(shopper, (await createProduct(3, 2000)).id);
    const real = await charge(other.id, other.totalCents);
    const wrongId = await invoke('order', `/orders/${other.id}/mark-paid`, {
      as: shopper,
      body: { paymentId: cheap.body.id },
    });
    expect(wrongId.status).toBe(409);
    const paid = await invoke<OrderBody>('order', `/orders/${other.id}/mark-paid`, {
      as: shopper,
      body: { paymentId: real.body.id },
    });
    expect(paid.status).toBe(200);
    expect(paid.body.status).toBe('paid');
  });
});

describe('a refund on order.cancelled needs the order service to confirm the cancel', () => {
  it('a forged order.cancelled for a paid order refunds nothing', async () => {
    const shopper = customer();
    const order = await paidOrder(shopper, (await createProduct(3)).id);
    // Published through the order service's own sidecar: the strongest forgery there is.
    const forged = await publishAs('order', 'order.cancelled', {
      occurredAt: new Date().toISOString(),
      data: { orderId: order.id, userId: shopper.userId, totalCents: order.totalCents },
    });
    expect(forged.status).toBe(204);
    // Give the subscriber time to act on it (it would refund within a second or two).
    await new Promise((resolve) => setTimeout(resolve, 4000));
    const payment = await invoke<{ status: string }>('payment', `/payments/by-order/${order.id}`);
    expect(payment.body.status).toBe('succeeded');
    const read = await invoke<OrderBody>('order', `/orders/${order.id}`, { as: shopper });
    expect(read.body.status).toBe('paid');
  }, 30_000);
});

describe('prices come from the catalog', () => {
  it('ignores a caller’s unitPriceCents: the order is priced from its reservation', async () => {
    const shopper = customer();
    const product = await createProduct(5, 1250);
    const orderId = randomUUID();
    const reserved = await invoke('product', '/reservations', {
      body: { orderId, items: [{ productId: product.id, quantity: 2 }] },
    });
    expect(reserved.status).toBe(200);
    const created = await invoke<OrderBody>('order', '/orders', {
      as: shopper,
      body: {
        id: orderId,
        items: [{ productId: product.id, name: 'Bargain', quantity: 2, unitPriceCents: 1 }],
        address: ADDRESS,
      },
    });
    expect(created.status).toBe(201);
    expect(created.body.totalCents).toBe(2500);
    expect(created.body.items).toEqual([
      { productId: product.id, name: product.name, quantity: 2, unitPriceCents: 1250 },
    ]);
  });

  it('refuses an order without a reservation, or with other lines than reserved (409)', async () => {
    const shopper = customer();
    const product = await createProduct(5, 1250);
    const line = { productId: product.id, name: product.name, quantity: 1 };
    const unreserved = await invoke('order', '/orders', {
      as: shopper,
      body: { id: randomUUID(), items: [line], address: ADDRESS },
    });
    expect(unreserved.status).toBe(409);
    const orderId = randomUUID();
    await invoke('product', '/reservations', {
      body: { orderId, items: [{ productId: product.id, quantity: 1 }] },
    });
    const more = await invoke('order', '/orders', {
      as: shopper,
      body: { id: orderId, items: [{ ...line, quantity: 3 }], address: ADDRESS },
    });
    expect(more.status).toBe(409);
  });
});
