import { once } from 'node:events';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Koa from 'koa';
import { httpsOnly } from '../src/http/https-only';

/** The middleware in a Koa app as the kit builds it (`proxy: true`), asked over plain HTTP. */
async function ask(secure: boolean, path: string, init: RequestInit = {}) {
  const app = new Koa({ proxy: true });
  app.use(httpsOnly(secure));
  app.use((ctx) => {
    ctx.body = 'page';
  });
  const server: Server = app.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const origin = `127.0.0.1:${(server.address() as AddressInfo).port}`;
  try {
    const res = await fetch(`http://${origin}${path}`, { ...init, redirect: 'manual' });
    const location = res.headers.get('location') ?? undefined;
    return { origin, status: res.status, location, body: await res.text() };
  } finally {
    server.close();
  }
}

describe('httpsOnly', () => {
  it('serves every request when secure cookies are off (development)', async () => {
    expect(await ask(false, '/cart')).toMatchObject({ status: 200, body: 'page' });
  });

  it('sends a page asked over plain HTTP to the same URL over HTTPS, method kept (308)', async () => {
    const page = await ask(true, '/products?page=2');
    expect(page).toMatchObject({
      status: 308,
      location: `https://${page.origin}/products?page=2`,
    });
    const form = await ask(true, '/cart/items', { method: 'POST' });
    expect(form).toMatchObject({ status: 308, location: `https://${form.origin}/cart/items` });
  });

  it('serves a request the ingress received over HTTPS', async () => {
    const answer = await ask(true, '/cart', { headers: { 'x-forwarded-proto': 'https' } });
    expect(answer).toMatchObject({ status: 200, body: 'page' });
  });

  it("answers daprd's own calls to the app with a JSON 404, not a redirect", async () => {
    const answer = await ask(true, '/dapr/config');
    expect(answer.status).toBe(404);
    expect(JSON.parse(answer.body)).toEqual({
      error: { code: 'NOT_FOUND', message: 'No such route' },
    });
  });
});
