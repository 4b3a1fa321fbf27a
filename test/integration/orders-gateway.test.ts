import { randomUUID } from 'node:crypto';
import { adminToken, registerCustomer, type TestCustomer } from './support/auth';
import {
  ADDRESS,
  createProduct,
  GOOD_CARD,
  paidOrder,
  pendingOrder,
  stockOf,
  type OrderBody,
} from './support/commerce';
import { api, errorCode } from './support/http';

/**
 * "Checkout and orders" of shared/api.md through the gateway with real tokens. Orders are set up
 * the way the checkout saga makes them (through Dapr, as the token's user), so these tests stand
 * on their own; the last one goes through the real POST /checkout.
 */
let alice: TestCustomer;
let bob: TestCustomer;
let admin: string;
const as = (user: TestCustomer) => ({ userId: user.id, roles: ['customer'] });

beforeAll(async () => {
  [alice, bob, admin] = await Promise.all([registerCustomer(), registerCustomer(), adminToken()]);
});

describe('orders through the gateway', () => {
  it('lists and reads only your own orders; another user’s order is 404', async () => {
    const product = await createProduct(10);
    const first = await pendingOrder(as(alice), product.id);
    const second = await paidOrder(as(alice), product.id, 2);

    const list = await api<{ items: OrderBody[]; page: number; pageSize: number; total: number }>(
      '/orders',
      { token: alice.accessToken },
    );
    expect(list.status).toBe(200);
    expect(list.body).toMatchObject({ page: 1, pageSize: 20, total: 2 });
    expect(list.body.items.map((o) => o.id)).toEqual([second.id, first.id]);
    expect(Object.keys(list.body.items[0]!).sort()).toEqual(
      [
        'address',
        'createdAt',
        'currency',
        'id',
        'items',
        'status',
        'totalCents',
        'updatedAt',
      ].sort(),
    );
    const one = await api<OrderBody>(`/orders/${second.id}`, { token: alice.accessToken });
    expect(one.status).toBe(200);
    expect(one.body).toMatchObject({
      id: second.id,
      status: 'paid',
      totalCents: second.totalCents,
    });

    for (const [path, method] of [
      [`/orders/${first.id}`, 'GET'],
      [`/orders/${first.id}/cancel`, 'POST'],
    ] as const) {
      const res = await api(path, { token: bob.accessToken, method });
      expect(res.status).toBe(404);
      expect(errorCode(res)).toBe('NOT_FOUND');
    }
    const bobs = await api<{ total: number }>('/orders', { token: bob.accessToken });
    expect(bobs.body.total).toBe(0);
    // Bob's failed cancel changed nothing.
    expect(
      (await api<OrderBody>(`/orders/${first.id}`, { token: alice.accessToken })).body.status,
    ).toBe('pending');
  });

  it('needs a token (401) and refuses bad input (400)', async () => {
    const id = randomUUID();
    for (const [path, method] of [
      ['/orders', 'GET'],
      [`/orders/${id}`, 'GET'],
      [`/orders/${id}/cancel`, 'POST'],
      [`/admin/orders/${id}/ship`, 'POST'],
    ] as const) {
      const res = await api(path, { method });
      expect(res.status).toBe(401);
      expect(errorCode(res)).toBe('UNAUTHENTICATED');
    }
    for (const query of ['pageSize=0', 'pageSize=101', 'page=0', 'page=1.5', 'userId=someone']) {
      const res = await api(`/orders?${query}`, { token: alice.accessToken });
      expect(res.status).toBe(400);
      expect(errorCode(res)).toBe('VALIDATION_FAILED');
    }
    const badId = await api(`/orders/${'x'.repeat(65)}`, { token: alice.accessToken });
    expect(badId.status).toBe(400);
    expect((await api(`/orders/${id}`, { token: alice.accessToken })).status).toBe(404);
  });

  it('cancels a pending order (stock released), then answers 409', async () => {
    const product = await createProduct(4);
    const order = await pendingOrder(as(alice), product.id, 3);
    const res = await api<OrderBody>(`/orders/${order.id}/cancel`, {
      token: alice.accessToken,
      method: 'POST',
    });
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('cancelled');
    expect(await stockOf(product.id)).toEqual({ onHand: 4, reserved: 0 });
    const again = await api(`/orders/${order.id}/cancel`, {
      token: alice.accessToken,
      method: 'POST',
    });
    expect(again.status).toBe(409);
    expect(errorCode(again)).toBe('CONFLICT');
    const ship = await api(`/admin/orders/${order.id}/ship`, { token: admin, method: 'POST' });
    expect(ship.status).toBe(409);
  });

  it('refunds a paid order (payment refunded, stock returned), then answers 409', async () => {
    const product = await createProduct(4);
    const order = await paidOrder(as(alice), product.id, 3);
    expect(await stockOf(product.id)).toEqual({ onHand: 1, reserved: 0 });
    const res = await api<OrderBody>(`/orders/${order.id}/cancel`, {
      token: alice.accessToken,
      method: 'POST',
    });
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('refunded');
    expect(await stockOf(product.id)).toEqual({ onHand: 4, reserved: 0 });
    const again = await api(`/orders/${order.id}/cancel`, {
      token: alice.accessToken,
      method: 'POST',
    });
    expect(again.status).toBe(409);
  });

  it('ships paid orders for admins only; a shipped order cannot be cancelled', async () => {
    const product = await createProduct(4);
    const order = await paidOrder(as(alice), product.id);
    const byCustomer = await api(`/admin/orders/${order.id}/ship`, {
      token: alice.accessToken,
      method: 'POST',
    });
    expect(byCustomer.status).toBe(403);
    expect(errorCode(byCustomer)).toBe('FORBIDDEN');
    const shipped = await api<OrderBody>(`/admin/orders/${order.id}/ship`, {
      token: admin,
      method: 'POST',
    });
    expect(shipped.status).toBe(200);
    expect(shipped.body.status).toBe('shipped');
    expect(
      (await api(`/admin/orders/${order.id}/ship`, { token: admin, method: 'POST' })).status,
    ).toBe(409);
    const cancel = await api(`/orders/${order.id}/cancel`, {
      token: alice.accessToken,
      method: 'POST',
    });
    expect(cancel.status).toBe(409);
    expect(
      (await api(`/admin/orders/${randomUUID()}/ship`, { token: admin, method: 'POST' })).status,
    ).toBe(404);
  });

  it('checkout → the order is listed as paid → cancel refunds it and returns the stock', async () => {
    const shopper = await registerCustomer();
    const product = await createProduct(5, 2000);
    const added = await api('/cart/items', {
      token: shopper.accessToken,
      body: { productId: product.id, quantity: 2 },
    });
    expect(added.status).toBe(200);
    const checkout = await api<{ order: OrderBody; payment: { id: string; last4: string } }>(
      '/checkout',
      {
        token: shopper.accessToken,
        headers: { 'idempotency-key': randomUUID() },
        body: { address: ADDRESS, card: GOOD_CARD },
      },
    );
    expect(checkout.status).toBe(201);
    const orderId = checkout.body.order.id;
    const listed = await api<{ items: OrderBody[] }>('/orders', { token: shopper.accessToken });
    expect(listed.body.items).toEqual([
      expect.objectContaining({ id: orderId, status: 'paid', totalCents: 4000 }),
    ]);
    expect(await stockOf(product.id)).toEqual({ onHand: 3, reserved: 0 });
    const cancelled = await api<OrderBody>(`/orders/${orderId}/cancel`, {
      token: shopper.accessToken,
      method: 'POST',
    });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.status).toBe('refunded');
    expect(await stockOf(product.id)).toEqual({ onHand: 5, reserved: 0 });
  });
});
