import { once } from 'node:events';
import { request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Koa from 'koa';
import { httpsOnly } from '../src/http/https-only';

interface Answer {
  status: number;
  location?: string;
  body: string;
}

/** The middleware in a Koa app as the kit builds it (`proxy: true`), asked over plain HTTP. */
async function ask(
  secure: boolean,
  path: string,
  init: { method?: string; headers?: Record<string, string> } = {},
): Promise<Answer> {
  const app = new Koa({ proxy: true });
  app.use(httpsOnly(secure));
  app.use((ctx) => {
    ctx.body = 'page';
  });
  const server: Server = app.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  try {
    return await new Promise<Answer>((resolve, reject) => {
      const req = request(
        {
          host: '127.0.0.1',
          port,
          path,
          method: init.method ?? 'GET',
          headers: { host: 'shop.example', ...init.headers },
        },
        (res) => {
          let body = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => (body += chunk));
          res.on('end', () =>
            resolve({ status: res.statusCode ?? 0, location: res.headers.location, body }),
          );
        },
      );
      req.on('error', reject);
      req.end();
    });
  } finally {
    server.close();
  }
}

describe('httpsOnly', () => {
  it('serves every request when secure cookies are off (development)', async () => {
    expect(await ask(false, '/cart')).toMatchObject({ status: 200, body: 'page' });
  });

  it('sends a page asked over plain HTTP to the same URL over HTTPS, method kept (308)', async () => {
    expect(await ask(true, '/products?page=2')).toMatchObject({
      status: 308,
      location: 'https://shop.example/products?page=2',
    });
    expect(await ask(true, '/cart/items', { method: 'POST' })).toMatchObject({
      status: 308,
      location: 'https://shop.example/cart/items',
    });
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
