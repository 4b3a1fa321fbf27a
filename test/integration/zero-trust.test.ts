import { ALL_SERVICES } from '@gomall/devstack';
import { itEnv } from './support/env';
import { request } from './support/http';
import { invoke, opsUrl, viaSidecar } from './support/invoke';

/**
 * Zero trust inside the mall (docs/security.md): only a service's own sidecar can call it (the
 * Dapr app token), only a service can drive its own sidecar (the Dapr API token), and health and
 * metrics live on a separate ops port.
 */
const running = (process.env.GOMALL_IT_SERVICES?.split(',') ?? [...ALL_SERVICES]).filter((s) =>
  (ALL_SERVICES as readonly string[]).includes(s),
);
/** The public entries, behind the ingress: their callers prove themselves with tokens or cookies. */
const PUBLIC = ['gateway', 'web'];
const present = running.filter((s) => !PUBLIC.includes(s));
const publicEntries = running.filter((s) => PUBLIC.includes(s));
const FORGED = { 'x-gomall-user-id': 'victim', 'x-gomall-user-roles': 'admin,customer' };

describe('the Dapr app token', () => {
  it.each(present)('%s refuses a direct call with a forged identity (401)', async (service) => {
    const base = itEnv(`${service.toUpperCase()}_URL`);
    for (const path of ['/cart', '/orders', '/users/me', '/admin/products', '/payments/x', '/']) {
      const res = await request(path, { headers: FORGED }, base);
      expect(res.status).toBe(401);
      expect(res.body).toEqual({
        error: { code: 'UNAUTHENTICATED', message: 'Only the Dapr sidecar may call this service' },
      });
    }
    // A wrong token is no better than none.
    const wrong = await request(
      '/cart',
      { headers: { ...FORGED, 'dapr-api-token': 'guess' } },
      base,
    );
    expect(wrong.status).toBe(401);
  });

  it('cart answers its own sidecar (the token daprd adds) and the app token itself', async () => {
    const viaDapr = await invoke('cart', '/cart', { as: { userId: 'zero-trust-user' } });
    expect(viaDapr.status).toBe(200);
    const direct = await request(
      '/cart',
      {
        headers: {
          'x-gomall-user-id': 'zero-trust-user',
          'dapr-api-token': itEnv('CART_APP_TOKEN'),
        },
      },
      itEnv('CART_URL'),
    );
    expect(direct.status).toBe(200);
  });
});

describe('the Dapr API token', () => {
  it('a sidecar refuses API calls without its token (401), and with another sidecar’s', async () => {
    const base = itEnv('GATEWAY_DAPR_URL');
    const bare = await request('/v1.0/invoke/cart/method/cart', { headers: FORGED }, base);
    expect(bare.status).toBe(401);
    const publish = await request('/v1.0/publish/pubsub/order.paid', { body: {} }, base);
    expect(publish.status).toBe(401);
    const stolen = await request(
      '/v1.0/invoke/cart/method/cart',
      { headers: { ...FORGED, 'dapr-api-token': itEnv('CART_DAPR_TOKEN') } },
      base,
    );
    expect(stolen.status).toBe(401);
    const own = await viaSidecar('gateway', '/v1.0/invoke/cart/method/cart', {
      headers: { 'x-gomall-user-id': 'zero-trust-user' },
    });
    expect(own.status).toBe(200);
  });
});

describe('the ops port', () => {
  it.each(publicEntries)(
    '%s: /metrics, /healthz, /readyz are not on the public port, only on the ops port',
    async (service) => {
      for (const path of ['/metrics', '/healthz', '/readyz']) {
        const res = await request(path, {}, itEnv(`${service.toUpperCase()}_URL`));
        expect(res.status).toBe(404);
        expect(res.text).not.toContain('http_request_duration_seconds');
        expect((await request(path, {}, opsUrl(service))).status).toBe(200);
      }
    },
  );

  it.each(present)('%s serves /metrics on its ops port only', async (service) => {
    const metrics = await request('/metrics', {}, opsUrl(service));
    expect(metrics.status).toBe(200);
    expect(metrics.text).toContain('http_request_duration_seconds');
    const viaApp = await request(
      '/metrics',
      { headers: { 'dapr-api-token': itEnv(`${service.toUpperCase()}_APP_TOKEN`) } },
      itEnv(`${service.toUpperCase()}_URL`),
    );
    expect(viaApp.status).toBe(404);
  });
});
