import { randomUUID } from 'node:crypto';
import { adminToken, registerCustomer } from './support/auth';
import { stockOf } from './support/commerce';
import { api, errorCode } from './support/http';
import { invoke } from './support/invoke';

/** The admin catalog of shared/api.md through the gateway, with real tokens. */
interface Product {
  id: string;
  name: string;
  priceCents: number;
  categories: string[];
  stock: number;
}

let admin: string;
let customer: string;

beforeAll(async () => {
  admin = await adminToken();
  customer = (await registerCustomer()).accessToken;
});

describe('admin catalog through the gateway', () => {
  it('lets an admin create, change, restock and delete a product', async () => {
    const name = `Gateway admin ${randomUUID()}`;
    const created = await api<Product>('/admin/products', {
      token: admin,
      body: {
        name,
        description: 'Made by a test.',
        priceCents: 4200,
        categories: ['test-gw'],
        stock: 3,
      },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      name,
      priceCents: 4200,
      categories: ['test-gw'],
      stock: 3,
    });
    const id = created.body.id;
    const first = await api<Product>(`/products/${id}`);
    expect(first.body.name).toBe(name);

    const patched = await api<Product>(`/admin/products/${id}`, {
      token: admin,
      method: 'PATCH',
      body: { priceCents: 3900 },
    });
    expect(patched.status).toBe(200);
    expect(patched.body.priceCents).toBe(3900);
    // The catalog read right after the write shows it (the product's read cache was emptied),
    // under a new ETag, so a client holding the old one gets the new body, not a 304.
    const reread = await api<Product>(`/products/${id}`, {
      headers: { 'if-none-match': first.headers.get('etag')! },
    });
    expect(reread.status).toBe(200);
    expect(reread.body.priceCents).toBe(3900);
    expect(reread.headers.get('etag')).not.toBe(first.headers.get('etag'));

    const restocked = await api<Product>(`/admin/products/${id}/stock`, {
      token: admin,
      method: 'PUT',
      body: { stock: 12 },
    });
    expect(restocked.status).toBe(200);
    expect(restocked.body.stock).toBe(12);
    expect((await api<Product>(`/products/${id}`)).body.stock).toBe(12);

    const deleted = await api(`/admin/products/${id}`, { token: admin, method: 'DELETE' });
    expect(deleted.status).toBe(204);
    expect(deleted.text).toBe('');
    expect((await api(`/products/${id}`)).status).toBe(404);
    expect((await api(`/admin/products/${id}`, { token: admin, method: 'DELETE' })).status).toBe(
      404,
    );
  });

  it('refuses stock below what is reserved with 409', async () => {
    const { body: product } = await api<Product>('/admin/products', {
      token: admin,
      body: { name: 'Gateway reserved', priceCents: 100, stock: 4 },
    });
    await invoke('product', '/reservations', {
      body: { orderId: randomUUID(), items: [{ productId: product.id, quantity: 3 }] },
    });
    const res = await api(`/admin/products/${product.id}/stock`, {
      token: admin,
      method: 'PUT',
      body: { stock: 2 },
    });
    expect(res.status).toBe(409);
    expect(errorCode(res)).toBe('CONFLICT');
    expect(await stockOf(product.id)).toEqual({ onHand: 4, reserved: 3 });
  });

  it('answers 401 without a token and 403 for a customer on every admin route', async () => {
    const id = randomUUID();
    const calls = [
      { path: '/admin/products', method: 'POST', body: { name: 'x', priceCents: 1 } },
      { path: `/admin/products/${id}`, method: 'PATCH', body: { name: 'x' } },
      { path: `/admin/products/${id}`, method: 'DELETE' },
      { path: `/admin/products/${id}/stock`, method: 'PUT', body: { stock: 1 } },
    ];
    for (const call of calls) {
      const anonymous = await api(call.path, { method: call.method, body: call.body });
      expect(anonymous.status).toBe(401);
      expect(errorCode(anonymous)).toBe('UNAUTHENTICATED');
      const asCustomer = await api(call.path, {
        method: call.method,
        body: call.body,
        token: customer,
      });
      expect(asCustomer.status).toBe(403);
      expect(errorCode(asCustomer)).toBe('FORBIDDEN');
    }
  });

  it('refuses bad input with 400 and unknown products with 404', async () => {
    for (const body of [
      {},
      { name: 'x' },
      { name: 'x', priceCents: -1 },
      { name: 'x', priceCents: '12' },
      { name: 'x', priceCents: 1, stock: 1.5 },
      { name: 'x', priceCents: 1, categories: ['Not A Slug'] },
      { name: 'x', priceCents: 1, id: 'chosen' },
    ]) {
      const res = await api('/admin/products', { token: admin, body });
      expect(res.status).toBe(400);
      expect(errorCode(res)).toBe('VALIDATION_FAILED');
    }
    const malformed = await api('/admin/products', { token: admin, rawBody: '{"name": "x",' });
    expect(malformed.status).toBe(400);
    const badStock = await api(`/admin/products/${randomUUID()}/stock`, {
      token: admin,
      method: 'PUT',
      body: { stock: -3 },
    });
    expect(badStock.status).toBe(400);
    const emptyPatch = await api(`/admin/products/${randomUUID()}`, {
      token: admin,
      method: 'PATCH',
      body: {},
    });
    expect(emptyPatch.status).toBe(400);
    const unknown = await api(`/admin/products/${randomUUID()}/stock`, {
      token: admin,
      method: 'PUT',
      body: { stock: 3 },
    });
    expect(unknown.status).toBe(404);
    expect(errorCode(unknown)).toBe('NOT_FOUND');
  });
});
