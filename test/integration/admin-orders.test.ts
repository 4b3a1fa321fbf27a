import { adminToken, registerCustomer, type TestCustomer } from './support/auth';
import { addToCart, CHECKOUT_ADDRESS, checkoutBody, checkoutWithRetry } from './support/checkout';
import { createProduct } from './support/commerce';
import { api, errorCode } from './support/http';

// Order support tools through the gateway: the shopper (and an admin) change the shipping address
// until the order ships, each change kept in the order's history; admins search every order by
// status and date. Role checks and another shopper's order (IDOR) included.
jest.setTimeout(120_000);

interface Order {
  id: string;
  status: string;
  address: Record<string, string>;
  createdAt: string;
}
interface OrderWithHistory {
  order: Order;
  history: Array<{ changedBy: string; byAdmin: boolean; from: object; to: object }>;
}

const NEW_ADDRESS = {
  name: 'Grace Hopper',
  street: '2 Debugging Road',
  city: 'New York',
  zipCode: '10001',
  country: 'US',
};

describe('admin order tools and address changes', () => {
  let buyer: TestCustomer;
  let other: TestCustomer;
  let admin: string;
  let order: Order;
  const before = new Date(Date.now() - 1000).toISOString();

  beforeAll(async () => {
    [buyer, other] = await Promise.all([
      registerCustomer('Address Mover'),
      registerCustomer('Nosy Neighbour'),
    ]);
    admin = await adminToken();
    const product = await createProduct(5, 700);
    await addToCart(buyer.accessToken, product.id, 1);
    const res = await checkoutWithRetry<{ order: Order }>(buyer.accessToken, checkoutBody());
    expect(res.status).toBe(201);
    order = res.body.order;
  });

  it('lets the owner change the address of an unshipped order and keeps the change in its history', async () => {
    const res = await api<OrderWithHistory>(`/orders/${order.id}/address`, {
      method: 'PATCH',
      token: buyer.accessToken,
      body: { address: NEW_ADDRESS },
    });
    expect(res.status).toBe(200);
    expect(res.body.order.address).toMatchObject(NEW_ADDRESS);
    expect(res.body.history).toEqual([
      expect.objectContaining({
        changedBy: buyer.id,
        byAdmin: false,
        from: expect.objectContaining({ street: CHECKOUT_ADDRESS.street }),
        to: expect.objectContaining({ street: NEW_ADDRESS.street }),
      }),
    ]);
    const seen = await api<Order>(`/orders/${order.id}`, { token: buyer.accessToken });
    expect(seen.body.address).toMatchObject(NEW_ADDRESS);
  });

  it("answers 404 for another shopper's order, and changes nothing", async () => {
    const patch = await api(`/orders/${order.id}/address`, {
      method: 'PATCH',
      token: other.accessToken,
      body: { address: { ...NEW_ADDRESS, street: 'Hijack Lane 1' } },
    });
    expect(patch.status).toBe(404);
    expect((await api(`/orders/${order.id}/history`, { token: other.accessToken })).status).toBe(
      404,
    );
    const history = await api<OrderWithHistory>(`/orders/${order.id}/history`, {
      token: buyer.accessToken,
    });
    expect(history.body.history).toHaveLength(1);
  });

  it('refuses a bad address with the 400 envelope', async () => {
    const res = await api(`/orders/${order.id}/address`, {
      method: 'PATCH',
      token: buyer.accessToken,
      body: { address: { ...NEW_ADDRESS, zipCode: '' }, extra: true },
    });
    expect(res.status).toBe(400);
    expect(errorCode(res)).toBe('VALIDATION_FAILED');
  });

  it('keeps the admin tools to admins', async () => {
    for (const [method, path] of [
      ['GET', '/admin/orders'],
      ['GET', `/admin/orders/${order.id}`],
      ['PATCH', `/admin/orders/${order.id}/address`],
    ] as const) {
      const res = await api(path, {
        method,
        token: buyer.accessToken,
        ...(method === 'PATCH' ? { body: { address: NEW_ADDRESS } } : {}),
      });
      expect({ path, status: res.status }).toEqual({ path, status: 403 });
      expect((await api(path, { method })).status).toBe(401);
    }
  });

  it('finds orders by status and creation time for an admin', async () => {
    const after = new Date(Date.now() + 60_000).toISOString();
    const search = (query: string) =>
      api<{ items: Order[]; total: number }>(`/admin/orders?${query}`, { token: admin });
    const paid = await search(
      `status=paid&from=${encodeURIComponent(before)}&to=${encodeURIComponent(after)}&pageSize=100`,
    );
    expect(paid.status).toBe(200);
    expect(paid.body.items.map((o) => o.id)).toContain(order.id);
    expect(paid.body.items.every((o) => o.status === 'paid')).toBe(true);
    const shipped = await search('status=shipped&pageSize=100');
    expect(shipped.body.items.map((o) => o.id)).not.toContain(order.id);
    const later = await search(`from=${encodeURIComponent(after)}`);
    expect(later.body.items.map((o) => o.id)).not.toContain(order.id);

    expect((await search('status=lost')).status).toBe(400);
    expect(
      (await search(`from=${encodeURIComponent(after)}&to=${encodeURIComponent(before)}`)).status,
    ).toBe(400);
    expect((await search('from=yesterday')).status).toBe(400);
  });

  it('lets an admin change any unshipped order, and nobody after it shipped', async () => {
    const changed = await api<OrderWithHistory>(`/admin/orders/${order.id}/address`, {
      method: 'PATCH',
      token: admin,
      body: { address: { ...NEW_ADDRESS, street: '3 Support Street' } },
    });
    expect(changed.status).toBe(200);
    expect(changed.body.history.map((h) => h.byAdmin)).toEqual([false, true]);

    const shipped = await api(`/admin/orders/${order.id}/ship`, { method: 'POST', token: admin });
    expect(shipped.status).toBe(200);
    const late = await api(`/orders/${order.id}/address`, {
      method: 'PATCH',
      token: buyer.accessToken,
      body: { address: NEW_ADDRESS },
    });
    expect(late.status).toBe(409);
    const seen = await api<OrderWithHistory>(`/admin/orders/${order.id}`, { token: admin });
    expect(seen.body.order.address).toMatchObject({ street: '3 Support Street' });
    expect(seen.body.history).toHaveLength(2);
  });

  it("records the admin's address change (not the shopper's) in the admin audit log", async () => {
    const log = await api<{ items: Array<{ action: string; actorId: string; details: object }> }>(
      `/admin/audit-log?targetId=${order.id}`,
      { token: admin },
    );
    expect(log.status).toBe(200);
    const adminId = (await api<{ id: string }>('/users/me', { token: admin })).body.id;
    expect(log.body.items).toEqual([
      expect.objectContaining({
        action: 'order.address_changed',
        actorId: adminId,
        details: { to: expect.objectContaining({ street: '3 Support Street' }) },
      }),
    ]);
  });
});
