import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { withSchema } from './support/db';
import { itEnv } from './support/env';
import { eventually } from './support/eventually';
import { api, errorCode, request } from './support/http';
import { opsUrl } from './support/invoke';

interface Product {
  id: string;
  name: string;
  priceCents: number;
  currency: string;
  categories: string[];
  stock: number;
}
interface Page {
  items: Product[];
  page: number;
  pageSize: number;
  total: number;
}

/** Products whose names hold LIKE's wildcards, to prove `q` is searched literally. */
const literalProducts = [
  { id: randomUUID(), name: 'Cotton Tee 100% organic', description: 'Soft.' },
  { id: randomUUID(), name: 'snake_case mug', description: 'For Python fans.' },
  { id: randomUUID(), name: 'Back\\slash poster', description: 'A path on paper.' },
];

beforeAll(async () => {
  await withSchema('product', async (db) => {
    for (const p of literalProducts) {
      await db.execute(
        `INSERT INTO products (id, name, description, picture, price_cents, currency, stock_on_hand, stock_reserved, created_at, updated_at)
         VALUES (?, ?, ?, '/images/products/x.jpg', 1000, 'USD', 5, 2, NOW(3), NOW(3))`,
        [p.id, p.name, p.description],
      );
      await db.execute('INSERT INTO product_categories (product_id, category) VALUES (?, ?)', [
        p.id,
        'test-literal',
      ]);
    }
  });
});

describe('catalog through gateway → Dapr → product → MariaDB', () => {
  it('lists the seeded demo catalog with default paging', async () => {
    const res = await api<Page>('/products');
    expect(res.status).toBe(200);
    expect(res.body.page).toBe(1);
    expect(res.body.pageSize).toBe(20);
    expect(res.body.items).toHaveLength(20);
    expect(res.body.total).toBeGreaterThanOrEqual(20);
    const first = res.body.items[0]!;
    expect(Object.keys(first).sort()).toEqual(
      [
        'categories',
        'currency',
        'description',
        'id',
        'name',
        'picture',
        'priceCents',
        'stock',
      ].sort(),
    );
    expect(Number.isInteger(first.priceCents)).toBe(true);
    expect(first.currency).toBe('USD');
  });

  it('has at least 20 seeded products in at least 4 categories', async () => {
    const res = await api<{ items: Array<{ name: string; productCount: number }> }>('/categories');
    expect(res.status).toBe(200);
    const seeded = res.body.items.filter((c) => c.name !== 'test-literal');
    expect(seeded.length).toBeGreaterThanOrEqual(4);
    const all = await api<Page>('/products?pageSize=100');
    const demo = all.body.items.filter((p) => !p.categories.includes('test-literal'));
    expect(demo.length).toBeGreaterThanOrEqual(20);
    const kitchen = res.body.items.find((c) => c.name === 'kitchen');
    expect(kitchen?.productCount).toBe(
      all.body.items.filter((p) => p.categories.includes('kitchen')).length,
    );
  });

  it('pages without overlap and reports the total', async () => {
    const p1 = await api<Page>('/products?page=1&pageSize=5&sort=name');
    const p2 = await api<Page>('/products?page=2&pageSize=5&sort=name');
    expect(p1.body.items).toHaveLength(5);
    expect(p2.body.items).toHaveLength(5);
    const ids = new Set([...p1.body.items, ...p2.body.items].map((p) => p.id));
    expect(ids.size).toBe(10);
    expect(p2.body.total).toBe(p1.body.total);
    const beyond = await api<Page>(`/products?page=1000&pageSize=100`);
    expect(beyond.status).toBe(200);
    expect(beyond.body.items).toEqual([]);
  });

  it.each([
    ['price', (a: Product, b: Product) => a.priceCents <= b.priceCents],
    ['-price', (a: Product, b: Product) => a.priceCents >= b.priceCents],
    [
      'name',
      (a: Product, b: Product) => a.name.localeCompare(b.name, 'en', { sensitivity: 'base' }) <= 0,
    ],
    [
      '-name',
      (a: Product, b: Product) => a.name.localeCompare(b.name, 'en', { sensitivity: 'base' }) >= 0,
    ],
  ])('sorts by %s', async (sort, ordered) => {
    const res = await api<Page>(`/products?pageSize=100&sort=${sort}`);
    expect(res.status).toBe(200);
    for (let i = 1; i < res.body.items.length; i++) {
      expect(ordered(res.body.items[i - 1]!, res.body.items[i]!)).toBe(true);
    }
  });

  it('sorts newest first with -createdAt', async () => {
    const res = await api<Page>('/products?pageSize=3&sort=-createdAt');
    expect(res.status).toBe(200);
    // The test's own products were inserted after the seed, so they come first.
    expect(literalProducts.map((p) => p.id)).toContain(res.body.items[0]!.id);
  });

  it('filters by category', async () => {
    const res = await api<Page>('/products?category=books&pageSize=100');
    expect(res.status).toBe(200);
    expect(res.body.items.length).toBeGreaterThan(0);
    expect(res.body.total).toBe(res.body.items.length);
    for (const p of res.body.items) expect(p.categories).toContain('books');
    const none = await api<Page>('/products?category=no-such-category');
    expect(none.body).toMatchObject({ items: [], total: 0 });
  });

  it('searches name and description case-insensitively', async () => {
    const res = await api<Page>('/products?q=KEYBOARD');
    expect(res.body.items.map((p) => p.name)).toEqual(['Mechanical Keyboard']);
    const byDescription = await api<Page>('/products?q=python%20fans');
    expect(byDescription.body.items.map((p) => p.id)).toEqual([literalProducts[1]!.id]);
  });

  it.each([
    ['%', 0],
    ['_', 1],
    ['\\', 2],
    ['100%', 0],
  ])('treats %s in q literally', async (q, index) => {
    const res = await api<Page>(`/products?q=${encodeURIComponent(q)}&pageSize=100`);
    expect(res.status).toBe(200);
    expect(res.body.items.map((p) => p.id)).toEqual([literalProducts[index]!.id]);
  });

  it('shows stock as on hand minus reserved', async () => {
    const res = await api<Product>(`/products/${literalProducts[0]!.id}`);
    expect(res.status).toBe(200);
    expect(res.body.stock).toBe(3);
  });

  it('gets one product by id and 404s an unknown one', async () => {
    const list = await api<Page>('/products?pageSize=1');
    const id = list.body.items[0]!.id;
    const res = await api<Product>(`/products/${id}`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual(list.body.items[0]);
    const missing = await api(`/products/${randomUUID()}`);
    expect(missing.status).toBe(404);
    expect(errorCode(missing)).toBe('NOT_FOUND');
  });

  it('makes catalog reads cacheable: ETag, Cache-Control, and 304 for a current If-None-Match', async () => {
    const list = await api<Page>('/products?pageSize=1');
    const id = list.body.items[0]!.id;
    for (const path of [`/products/${id}`, '/products?pageSize=2', '/categories']) {
      const first = await api(path);
      expect(first.status).toBe(200);
      const etag = first.headers.get('etag');
      expect(etag).toMatch(/^"[A-Za-z0-9_-]+"$/);
      expect(first.headers.get('cache-control')).toBe('public, max-age=5');
      expect(first.headers.get('content-type')).toMatch(/^application\/json/);
      const again = await api(path, { headers: { 'if-none-match': etag! } });
      expect(again.status).toBe(304);
      expect(again.text).toBe('');
      expect(again.headers.get('etag')).toBe(etag);
      const other = await api(path, { headers: { 'if-none-match': '"something-else"' } });
      expect(other.status).toBe(200);
      expect(other.body).toEqual(first.body);
    }
    // Errors are never cacheable.
    const missing = await api(`/products/${randomUUID()}`);
    expect(missing.headers.get('etag')).toBeNull();
    expect(missing.headers.get('cache-control')).toBeNull();
  });

  it.each([
    '/products?page=0',
    '/products?page=-1',
    '/products?page=abc',
    '/products?page=1.5',
    '/products?pageSize=0',
    '/products?pageSize=101',
    '/products?pageSize=1e2',
    '/products?sort=price;drop',
    '/products?sort=cheapest',
    `/products?q=${'x'.repeat(201)}`,
    '/products/%20bad%20id',
  ])('answers 400 VALIDATION_FAILED for %s', async (path) => {
    const res = await api(path);
    expect(res.status).toBe(400);
    expect(errorCode(res)).toBe('VALIDATION_FAILED');
  });
});

describe('the error envelope and request ids', () => {
  it('answers unknown routes with a JSON 404', async () => {
    for (const path of ['/nope', '/api/v1/nope', '/api/v2/products']) {
      const res = await request(path);
      expect(res.status).toBe(404);
      expect(errorCode(res)).toBe('NOT_FOUND');
    }
  });

  it('answers malformed JSON with 400, never 500', async () => {
    for (const rawBody of ['{bad', '"just a string"', '[1,', 'null']) {
      const res = await api('/products', { method: 'POST', rawBody });
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
      errorCode(res);
    }
  });

  it('answers an oversized body with 413 PAYLOAD_TOO_LARGE', async () => {
    const res = await api('/products', {
      method: 'POST',
      rawBody: JSON.stringify({ x: 'y'.repeat(70_000) }),
    });
    expect(res.status).toBe(413);
    expect(errorCode(res)).toBe('PAYLOAD_TOO_LARGE');
  });

  it('echoes a sane X-Request-Id, replaces an unsafe one, and carries it to the product service', async () => {
    const requestId = `it-${randomUUID()}`;
    const res = await api('/products?pageSize=1', { headers: { 'x-request-id': requestId } });
    expect(res.headers.get('x-request-id')).toBe(requestId);
    const unsafe = await api('/products?pageSize=1', {
      headers: { 'x-request-id': 'bad id\twith spaces' },
    });
    expect(unsafe.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    const missing = await api(`/products/${randomUUID()}`, {
      headers: { 'x-request-id': `${requestId}-404` },
    });
    expect(missing.headers.get('x-request-id')).toBe(`${requestId}-404`);

    // The product service's own log lines carry the gateway's request id (through daprd).
    const productLog = join(itEnv('DATA_DIR'), 'logs', 'product.log');
    const lines = await eventually(() => {
      const found = readFileSync(productLog, 'utf8')
        .split('\n')
        .filter((l) => l.includes(requestId));
      expect(found.length).toBeGreaterThanOrEqual(1);
      return found;
    });
    expect(JSON.parse(lines[0]!)).toMatchObject({
      service: 'product',
      requestId,
      route: '/products',
    });
  });

  it('serves the OpenAPI document', async () => {
    const res = await api<{ openapi: string; paths: Record<string, unknown> }>('/openapi.json');
    expect(res.status).toBe(200);
    expect(res.body.openapi).toBe('3.1.0');
    expect(Object.keys(res.body.paths)).toEqual(
      expect.arrayContaining(['/products', '/products/{id}', '/categories']),
    );
    const listProducts = res.body.paths['/products'] as {
      get: { parameters: Array<{ name: string }> };
    };
    expect(listProducts.get.parameters.map((p) => p.name)).toContain('ids');
  });
});

describe('batch get: GET /products?ids=a,b,c', () => {
  const deletedId = randomUUID();
  beforeAll(async () => {
    await withSchema('product', async (db) => {
      await db.execute(
        `INSERT INTO products (id, name, description, picture, price_cents, currency, stock_on_hand, stock_reserved, created_at, updated_at, deleted_at)
         VALUES (?, 'Withdrawn lamp', '', '/images/products/x.jpg', 500, 'USD', 1, 0, NOW(3), NOW(3), NOW(3))`,
        [deletedId],
      );
    });
  });

  it('answers the products asked, in the order asked; unknown and deleted ids are absent', async () => {
    // Three products other than this file's literal ones, which are the cheapest (an id asked
    // twice is answered once, so the literal one must not be among a, b, c).
    const list = await api<Page>('/products?pageSize=10&sort=price');
    const literalIds: string[] = literalProducts.map((p) => p.id);
    const others = list.body.items.map((p) => p.id).filter((id) => !literalIds.includes(id));
    const [a, b, c] = others as [string, string, string];
    const unknown = randomUUID();
    const ids = [c, unknown, a, deletedId, b, c, literalProducts[0]!.id];
    const res = await api<Page>(`/products?ids=${ids.join(',')}`);
    expect(res.status).toBe(200);
    expect(res.body.items.map((p) => p.id)).toEqual([c, a, b, literalProducts[0]!.id]);
    // One page: the distinct ids asked, of which these were found.
    expect(res.body).toMatchObject({ page: 1, pageSize: 6, total: 4 });
    // The same product as GET /products/:id shows it (stock is on hand − reserved, categories).
    const one = await api<Product>(`/products/${literalProducts[0]!.id}`);
    expect(res.body.items[3]).toEqual(one.body);
    expect(res.body.items[3]).toMatchObject({ stock: 3, categories: ['test-literal'] });
  });

  it('takes up to 100 ids; more, a malformed id, or list parameters beside them are a 400', async () => {
    const hundred = Array.from({ length: 100 }, () => randomUUID());
    const ok = await api<Page>(`/products?ids=${hundred.join(',')}`);
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ items: [], pageSize: 100, total: 0 });
    for (const query of [
      `ids=${[...hundred, randomUUID()].join(',')}`,
      'ids=',
      'ids=a,,b',
      'ids=a%20b',
      'ids=a&page=1',
      'ids=a&category=books',
      'ids=a&ids=b',
    ]) {
      const res = await api(`/products?${query}`);
      expect({ query, status: res.status, code: errorCode(res) }).toEqual({
        query,
        status: 400,
        code: 'VALIDATION_FAILED',
      });
    }
  });
});

describe('operations endpoints', () => {
  it.each(['GATEWAY', 'PRODUCT'])('%s answers /healthz, /readyz and /metrics', async (service) => {
    const base = opsUrl(service.toLowerCase());
    expect((await request('/healthz', {}, base)).status).toBe(200);
    const ready = await request<{ status: string; checks: Record<string, string> }>(
      '/readyz',
      {},
      base,
    );
    expect(ready.status).toBe(200);
    expect(Object.values(ready.body.checks).every((c) => c === 'ok')).toBe(true);
    const metrics = await request('/metrics', {}, base);
    expect(metrics.status).toBe(200);
    expect(metrics.headers.get('content-type')).toContain('text/plain');
    expect(metrics.text).toContain('http_request_duration_seconds_bucket');
  });

  it('labels RED metrics with the route pattern, never the raw URL', async () => {
    const id = randomUUID();
    await api(`/products/${id}`);
    const metrics = await request('/metrics', {}, opsUrl('gateway'));
    expect(metrics.text).toMatch(
      /http_requests_total\{service="gateway",route="\/api\/v1\/products\/:id",method="GET",status="404"\} \d+/,
    );
    expect(metrics.text).not.toContain(id);
  });
});
