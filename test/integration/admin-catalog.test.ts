import { randomUUID } from 'node:crypto';
import { errorCode } from './support/http';
import { invoke } from './support/invoke';

/** The admin catalog as the gateway forwards it (identity headers), through Dapr to product. */
const admin = { userId: 'admin-1', roles: ['admin'] };
const customer = { userId: 'customer-1', roles: ['customer'] };

interface Product {
  id: string;
  name: string;
  description: string;
  picture: string;
  priceCents: number;
  currency: string;
  categories: string[];
  stock: number;
}

const create = (body: unknown, as = admin) =>
  invoke<Product>('product', '/admin/products', { as, body });

describe('admin catalog through Dapr → product → MariaDB', () => {
  it('creates, changes and soft-deletes a product', async () => {
    const name = `Admin test ${randomUUID()}`;
    const created = await create({
      name,
      description: 'A test product.',
      priceCents: 2599,
      categories: ['test-admin'],
      stock: 7,
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      name,
      priceCents: 2599,
      currency: 'USD',
      categories: ['test-admin'],
      stock: 7,
    });
    const id = created.body.id;

    const patched = await invoke<Product>('product', `/admin/products/${id}`, {
      as: admin,
      method: 'PATCH',
      body: { priceCents: 1999, categories: ['test-admin', 'test-admin-2'] },
    });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ name, priceCents: 1999, stock: 7 });
    expect(patched.body.categories).toEqual(['test-admin', 'test-admin-2']);

    const stock = await invoke<Product>('product', `/admin/products/${id}/stock`, {
      as: admin,
      method: 'PUT',
      body: { stock: 40 },
    });
    expect(stock.status).toBe(200);
    expect(stock.body.stock).toBe(40);

    const deleted = await invoke('product', `/admin/products/${id}`, {
      as: admin,
      method: 'DELETE',
    });
    expect(deleted.status).toBe(204);
    expect((await invoke('product', `/products/${id}`)).status).toBe(404);
    const lookup = await invoke<{ items: Product[] }>('product', '/products/lookup', {
      body: { ids: [id] },
    });
    expect(lookup.body.items).toEqual([]);
    const again = await invoke('product', `/admin/products/${id}`, { as: admin, method: 'DELETE' });
    expect(again.status).toBe(404);
  });

  it('never sets on-hand stock below what is reserved (409)', async () => {
    const { body: product } = await create({ name: 'Reserved thing', priceCents: 100, stock: 5 });
    const orderId = randomUUID();
    const reserved = await invoke('product', '/reservations', {
      body: { orderId, items: [{ productId: product.id, quantity: 3 }] },
    });
    expect(reserved.status).toBe(200);
    const below = await invoke('product', `/admin/products/${product.id}/stock`, {
      as: admin,
      method: 'PUT',
      body: { stock: 2 },
    });
    expect(below.status).toBe(409);
    expect(errorCode(below)).toBe('CONFLICT');
    const exact = await invoke<Product>('product', `/admin/products/${product.id}/stock`, {
      as: admin,
      method: 'PUT',
      body: { stock: 3 },
    });
    expect(exact.status).toBe(200);
    expect(exact.body.stock).toBe(0);
  });

  it('looks up several products at once, leaving unknown ids out', async () => {
    const { body: a } = await create({ name: 'Lookup A', priceCents: 100 });
    const { body: b } = await create({ name: 'Lookup B', priceCents: 200 });
    const res = await invoke<{ items: Product[] }>('product', '/products/lookup', {
      body: { ids: [a.id, b.id, randomUUID()] },
    });
    expect(res.status).toBe(200);
    expect(res.body.items.map((p) => p.id).sort()).toEqual([a.id, b.id].sort());
    expect((await invoke('product', '/products/lookup', { body: { ids: [] } })).status).toBe(400);
  });

  it('refuses non-admins (403), anonymous calls (401) and bad bodies (400)', async () => {
    const asCustomer = await create({ name: 'Nope', priceCents: 100 }, customer);
    expect(asCustomer.status).toBe(403);
    expect(errorCode(asCustomer)).toBe('FORBIDDEN');
    const anonymous = await invoke('product', '/admin/products', {
      body: { name: 'Nope', priceCents: 100 },
    });
    expect(anonymous.status).toBe(401);
    for (const body of [
      { name: '', priceCents: 100 },
      { name: 'x', priceCents: -1 },
      { name: 'x', priceCents: 1.5 },
      { name: 'x', priceCents: 100, stock: 'many' },
      { name: 'x', priceCents: 100, secret: true },
    ]) {
      const res = await create(body);
      expect(res.status).toBe(400);
      expect(errorCode(res)).toBe('VALIDATION_FAILED');
    }
    const malformed = await invoke('product', '/admin/products', {
      as: admin,
      rawBody: '{"name":',
    });
    expect(malformed.status).toBe(400);
    const unknownPatch = await invoke('product', `/admin/products/${randomUUID()}`, {
      as: admin,
      method: 'PATCH',
      body: { name: 'x' },
    });
    expect(unknownPatch.status).toBe(404);
    const emptyPatch = await invoke('product', `/admin/products/${randomUUID()}`, {
      as: admin,
      method: 'PATCH',
      body: {},
    });
    expect(emptyPatch.status).toBe(400);
  });
});
