import { randomUUID } from 'node:crypto';
import { registerCustomer, type TestCustomer } from './support/auth';
import { eventually } from './support/eventually';
import { api, errorCode, type ApiResponse } from './support/http';
import { publishAs, viaSidecar } from './support/invoke';

interface CartView {
  items: Array<{
    productId: string;
    name: string;
    quantity: number;
    unitPriceCents: number;
    lineTotalCents: number;
  }>;
  totalCents: number;
}
interface Product {
  id: string;
  name: string;
  priceCents: number;
}

/** The cart service as another service calls it: through Dapr, with the identity headers. */
const cartAs = <T = CartView>(
  userId: string | undefined,
  path: string,
  options: { method?: string; body?: unknown; rawBody?: string } = {},
): Promise<ApiResponse<T>> =>
  viaSidecar<T>('gateway', `/v1.0/invoke/cart/method${path}`, {
    ...options,
    headers: userId ? { 'x-gomall-user-id': userId } : {},
  });

jest.setTimeout(60_000);

let products: Product[];

beforeAll(async () => {
  const page = await api<{ items: Product[] }>('/products?pageSize=30&sort=price');
  products = page.body.items;
  expect(products.length).toBeGreaterThanOrEqual(20);
});

describe('cart service through Dapr (state store with ETags)', () => {
  it('starts empty, adds, prices from the catalog and adds to the quantity already there', async () => {
    const user = randomUUID();
    const [a, b] = products;
    expect((await cartAs(user, '/cart')).body).toEqual({ items: [], totalCents: 0 });

    let res = await cartAs(user, '/cart/items', { body: { productId: a!.id, quantity: 2 } });
    expect(res.status).toBe(200);
    res = await cartAs(user, '/cart/items', { body: { productId: b!.id, quantity: 1 } });
    res = await cartAs(user, '/cart/items', { body: { productId: a!.id, quantity: 3 } });
    expect(res.status).toBe(200);
    expect(res.body.items).toEqual([
      {
        productId: a!.id,
        name: a!.name,
        quantity: 5,
        unitPriceCents: a!.priceCents,
        lineTotalCents: 5 * a!.priceCents,
      },
      {
        productId: b!.id,
        name: b!.name,
        quantity: 1,
        unitPriceCents: b!.priceCents,
        lineTotalCents: b!.priceCents,
      },
    ]);
    expect(res.body.totalCents).toBe(5 * a!.priceCents + b!.priceCents);
    expect((await cartAs(user, '/cart')).body).toEqual(res.body);
  });

  it('refuses bad quantities, unknown fields and malformed bodies with 400, unknown products with 404', async () => {
    const user = randomUUID();
    const id = products[0]!.id;
    for (const quantity of [0, -1, 100, 1.5, '2', 1e20, null]) {
      const res = await cartAs(user, '/cart/items', { body: { productId: id, quantity } });
      expect(res.status).toBe(400);
      expect(errorCode(res)).toBe('VALIDATION_FAILED');
    }
    for (const body of [{ quantity: 1 }, { productId: id, quantity: 1, priceCents: 1 }, {}]) {
      expect((await cartAs(user, '/cart/items', { body })).status).toBe(400);
    }
    expect((await cartAs(user, '/cart/items', { rawBody: '{"productId":' })).status).toBe(400);
    const unknown = await cartAs(user, '/cart/items', {
      body: { productId: randomUUID(), quantity: 1 },
    });
    expect(unknown.status).toBe(404);
    expect(errorCode(unknown)).toBe('NOT_FOUND');
    expect((await cartAs(user, '/cart')).body.items).toEqual([]);
  });

  it('gives the checkout saga the unpriced lines (internal GET /cart/lines, not public)', async () => {
    const user = randomUUID();
    const id = products[4]!.id;
    await cartAs(user, '/cart/items', { body: { productId: id, quantity: 4 } });
    const lines = await cartAs<{ items: unknown[] }>(user, '/cart/lines');
    expect(lines.status).toBe(200);
    expect(lines.body).toEqual({ items: [{ productId: id, quantity: 4 }] });
    expect((await api('/cart/lines')).status).toBe(404);
  });

  it('keeps a line at 99 at most', async () => {
    const user = randomUUID();
    const id = products[1]!.id;
    expect(
      (await cartAs(user, '/cart/items', { body: { productId: id, quantity: 99 } })).status,
    ).toBe(200);
    const over = await cartAs(user, '/cart/items', { body: { productId: id, quantity: 1 } });
    expect(over.status).toBe(400);
    expect(errorCode(over)).toBe('VALIDATION_FAILED');
    expect((await cartAs(user, '/cart')).body.items[0]!.quantity).toBe(99);
  });

  it('changes, removes and empties lines; 404 for a line that is not there', async () => {
    const user = randomUUID();
    const [a, b] = products;
    await cartAs(user, '/cart/items', { body: { productId: a!.id, quantity: 1 } });
    await cartAs(user, '/cart/items', { body: { productId: b!.id, quantity: 1 } });

    let res = await cartAs(user, `/cart/items/${a!.id}`, {
      method: 'PATCH',
      body: { quantity: 7 },
    });
    expect(res.status).toBe(200);
    expect(res.body.items.find((i) => i.productId === a!.id)!.quantity).toBe(7);
    for (const body of [{ quantity: -1 }, { quantity: 100 }, { quantity: 2, x: 1 }, {}]) {
      expect((await cartAs(user, `/cart/items/${a!.id}`, { method: 'PATCH', body })).status).toBe(
        400,
      );
    }
    res = await cartAs(user, `/cart/items/${a!.id}`, { method: 'PATCH', body: { quantity: 0 } });
    expect(res.body.items.map((i) => i.productId)).toEqual([b!.id]);
    const missing = await cartAs(user, `/cart/items/${a!.id}`, {
      method: 'PATCH',
      body: { quantity: 1 },
    });
    expect(missing.status).toBe(404);

    res = await cartAs(user, `/cart/items/${b!.id}`, { method: 'DELETE' });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ items: [], totalCents: 0 });
    expect((await cartAs(user, `/cart/items/${b!.id}`, { method: 'DELETE' })).status).toBe(404);

    await cartAs(user, '/cart/items', { body: { productId: a!.id, quantity: 1 } });
    expect((await cartAs(user, '/cart', { method: 'DELETE' })).status).toBe(204);
    expect((await cartAs(user, '/cart')).body).toEqual({ items: [], totalCents: 0 });
    expect((await cartAs(user, '/cart', { method: 'DELETE' })).status).toBe(204);
  });

  it('never loses an update when many adds race for one cart', async () => {
    const user = randomUUID();
    const same = products[2]!.id;
    const distinct = products.slice(3, 18).map((p) => p.id);
    const answers = await Promise.all([
      ...Array.from({ length: 25 }, () =>
        cartAs(user, '/cart/items', { body: { productId: same, quantity: 1 } }),
      ),
      ...distinct.map((productId) =>
        cartAs(user, '/cart/items', { body: { productId, quantity: 2 } }),
      ),
    ]);
    expect(answers.map((a) => a.status)).toEqual(answers.map(() => 200));
    const cart = (await cartAs(user, '/cart')).body;
    expect(cart.items.find((i) => i.productId === same)!.quantity).toBe(25);
    expect(cart.items.filter((i) => distinct.includes(i.productId)).map((i) => i.quantity)).toEqual(
      distinct.map(() => 2),
    );
  });

  it('keeps every user to their own cart and needs an identity', async () => {
    const [alice, bob] = [randomUUID(), randomUUID()];
    await cartAs(alice, '/cart/items', { body: { productId: products[0]!.id, quantity: 1 } });
    expect((await cartAs(bob, '/cart')).body.items).toEqual([]);
    const anonymous = await cartAs(undefined, '/cart');
    expect(anonymous.status).toBe(401);
  });

  it('empties the cart of a deleted user (user.deleted event)', async () => {
    const user = randomUUID();
    await cartAs(user, '/cart/items', { body: { productId: products[0]!.id, quantity: 3 } });
    const published = await publishAs('user', 'user.deleted', {
      occurredAt: new Date().toISOString(),
      data: { userId: user },
    });
    expect(published.status).toBe(204);
    await eventually(async () => {
      expect((await cartAs(user, '/cart')).body.items).toEqual([]);
    }, 15_000);
  });
});

describe('cart through the gateway (token → identity → Dapr → cart)', () => {
  let buyer: TestCustomer;
  let other: TestCustomer;

  beforeAll(async () => {
    [buyer, other] = await Promise.all([registerCustomer(), registerCustomer()]);
  });

  it('needs a token on every cart route', async () => {
    const id = products[0]!.id;
    const calls = [
      api('/cart'),
      api('/cart/items', { body: { productId: id, quantity: 1 } }),
      api(`/cart/items/${id}`, { method: 'PATCH', body: { quantity: 1 } }),
      api(`/cart/items/${id}`, { method: 'DELETE' }),
      api('/cart', { method: 'DELETE' }),
      api('/cart', { token: 'not-a-token' }),
    ];
    for (const res of await Promise.all(calls)) {
      expect(res.status).toBe(401);
      expect(errorCode(res)).toBe('UNAUTHENTICATED');
    }
  });

  it('serves every cart row of the contract for the token holder only', async () => {
    const [a, b] = products;
    const token = buyer.accessToken;
    let res = await api<CartView>('/cart', { token });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ items: [], totalCents: 0 });

    res = await api<CartView>('/cart/items', { token, body: { productId: a!.id, quantity: 2 } });
    expect(res.status).toBe(200);
    expect(res.body.items).toEqual([
      {
        productId: a!.id,
        name: a!.name,
        quantity: 2,
        unitPriceCents: a!.priceCents,
        lineTotalCents: 2 * a!.priceCents,
      },
    ]);
    res = await api<CartView>('/cart/items', { token, body: { productId: b!.id, quantity: 1 } });
    expect(res.body.totalCents).toBe(2 * a!.priceCents + b!.priceCents);
    expect((await api<CartView>('/cart', { token: other.accessToken })).body.items).toEqual([]);

    res = await api<CartView>(`/cart/items/${a!.id}`, {
      token,
      method: 'PATCH',
      body: { quantity: 5 },
    });
    expect(res.status).toBe(200);
    expect(res.body.items[0]!.quantity).toBe(5);
    res = await api<CartView>(`/cart/items/${b!.id}`, { token, method: 'DELETE' });
    expect(res.status).toBe(200);
    expect(res.body.items.map((i) => i.productId)).toEqual([a!.id]);
    expect((await api(`/cart/items/${b!.id}`, { token, method: 'DELETE' })).status).toBe(404);
    expect(
      (await api(`/cart/items/${b!.id}`, { token, method: 'PATCH', body: { quantity: 1 } })).status,
    ).toBe(404);

    const emptied = await api('/cart', { token, method: 'DELETE' });
    expect(emptied.status).toBe(204);
    expect(emptied.text).toBe('');
    expect((await api<CartView>('/cart', { token })).body).toEqual({ items: [], totalCents: 0 });
  });

  it('empties the cart when the account is deleted (DELETE /users/me → user.deleted)', async () => {
    const leaving = await registerCustomer();
    await api('/cart/items', {
      token: leaving.accessToken,
      body: { productId: products[0]!.id, quantity: 2 },
    });
    expect((await cartAs(leaving.id, '/cart')).body.items).toHaveLength(1);
    expect((await api('/users/me', { token: leaving.accessToken, method: 'DELETE' })).status).toBe(
      204,
    );
    await eventually(async () => {
      expect((await cartAs(leaving.id, '/cart')).body.items).toEqual([]);
    }, 15_000);
  });

  it('answers 400 for bad input and 404 for an unknown product, never 500', async () => {
    const token = buyer.accessToken;
    const id = products[0]!.id;
    const bad = [
      { productId: id, quantity: 0 },
      { productId: id, quantity: -3 },
      { productId: id, quantity: 100 },
      { productId: id, quantity: 1e300 },
      { productId: id, quantity: '1' },
      { productId: id },
      { productId: id, quantity: 1, userId: other.id },
      { productId: '../../admin', quantity: 1 },
    ];
    for (const body of bad) {
      const res = await api('/cart/items', { token, body });
      expect(res.status).toBe(400);
      expect(errorCode(res)).toBe('VALIDATION_FAILED');
    }
    expect((await api('/cart/items', { token, rawBody: '{"productId": 1,' })).status).toBe(400);
    expect(
      (await api(`/cart/items/${id}`, { token, method: 'PATCH', body: { quantity: -1 } })).status,
    ).toBe(400);
    const unknown = await api('/cart/items', {
      token,
      body: { productId: randomUUID(), quantity: 1 },
    });
    expect(unknown.status).toBe(404);
    expect(errorCode(unknown)).toBe('NOT_FOUND');
  });
});
