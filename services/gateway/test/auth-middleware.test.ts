import { createSecurity } from '../src/auth/security';
import { loadGatewayConfig } from '../src/config';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createLogger, createServiceApp, currentContext } from '@gomall/kit';
import Router from '@koa/router';
import jwt from 'jsonwebtoken';
import { authenticate, type ActiveRoles } from '../src/auth/authenticate';
import { clientIp, type RequestFacts } from '../src/auth/client-ip';
import type { AccessClaims } from '@gomall/contracts';
import { TokenVerifier } from '../src/auth/token-verifier';
import { requireRole, requireUser, userOf } from '../src/routes/guards';

const keys = {
  k1: 'unit-test-secret-k1-0123456789abcdef',
  k2: 'unit-test-secret-k2-0123456789abcdef',
};
const settings = { keys, issuer: 'iss-test', audience: 'aud-test' };
const verifier = new TokenVerifier(settings);

function sign(
  claims: Record<string, unknown> = {},
  kid = 'k1',
  algorithm: jwt.Algorithm = 'HS256',
) {
  const now = Math.floor(Date.now() / 1000);
  const payload = {
    sub: 'u1',
    sid: 's1',
    jti: 'j1',
    roles: ['customer'],
    iss: 'iss-test',
    aud: 'aud-test',
    iat: now,
    exp: now + 60,
    ...claims,
  };
  return jwt.sign(payload, keys[kid as 'k1'] ?? 'x'.repeat(40), { algorithm, keyid: kid });
}

describe('TokenVerifier', () => {
  it('accepts a sound token from any configured kid', () => {
    expect(verifier.verify(sign()).sub).toBe('u1');
    expect(verifier.verify(sign({}, 'k2')).sid).toBe('s1');
  });

  it.each([
    ['an unknown kid', () => sign({}, 'k9')],
    ['another HMAC algorithm', () => sign({}, 'k1', 'HS384')],
    [
      'alg none',
      () => jwt.sign({ sub: 'u1', sid: 's1', jti: 'j', roles: [] }, null, { algorithm: 'none' }),
    ],
    ['a wrong issuer', () => sign({ iss: 'other' })],
    ['a missing sid', () => sign({ sid: undefined })],
    ['an expired token', () => sign({ exp: Math.floor(Date.now() / 1000) - 60 })],
    ['garbage', () => 'a.b.c'],
  ])('refuses %s', (_case, make) => {
    expect(() => verifier.verify(make())).toThrow(
      expect.objectContaining({ status: 401 }) as Error,
    );
  });
});

describe('clientIp', () => {
  const ctx = (xff: string): RequestFacts => ({
    req: { socket: { remoteAddress: '10.0.0.1' } },
    get: () => xff,
  });

  it('ignores X-Forwarded-For unless proxies are trusted', () => {
    expect(clientIp(ctx('1.2.3.4'), 0)).toBe('10.0.0.1');
  });

  it('takes the address the outermost trusted proxy saw', () => {
    expect(clientIp(ctx('6.6.6.6, 1.2.3.4'), 1)).toBe('1.2.3.4');
    expect(clientIp(ctx('6.6.6.6, 1.2.3.4, 10.1.1.1'), 2)).toBe('1.2.3.4');
    expect(clientIp(ctx(''), 1)).toBe('10.0.0.1');
  });
});

describe('authenticate + guards', () => {
  const revoked = new Set<string>();
  /** Users whose roles an admin changed since their tokens were issued. */
  const currentRoles = new Map<string, string[]>();
  // The Redis-backed check is exercised by the integration tests; here a set stands in for it.
  const revocations: ActiveRoles = {
    activeRoles: (claims: AccessClaims) => {
      if (revoked.has(claims.sid))
        return Promise.reject(Object.assign(new Error('revoked'), { status: 401 }));
      return Promise.resolve(currentRoles.get(claims.sub) ?? claims.roles);
    },
  };
  const router = new Router();
  router.get('/open', (ctx) => {
    ctx.body = {
      user: (ctx.state as { user?: unknown }).user ?? null,
      context: currentContext()?.userId ?? null,
    };
  });
  router.get('/mine', requireUser(), (ctx) => {
    ctx.body = {
      id: userOf(ctx).id,
      header: ctx.get('x-gomall-user-id'),
      roles: currentContext()?.roles,
    };
  });
  router.get('/admin', requireUser(), requireRole('admin'), (ctx) => {
    ctx.body = { ok: true };
  });
  const { app } = createServiceApp({
    service: 'gateway-test',
    appToken: null,
    logger: createLogger('gateway-test', 'silent'),
    before: [authenticate(verifier, revocations)],
    routers: [router],
  });
  let server: Server;
  let base: string;
  beforeAll(async () => {
    server = createServer(app.callback());
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  const get = async (path: string, headers: Record<string, string> = {}) => {
    const res = await fetch(`${base}${path}`, { headers });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };

  it('leaves anonymous requests anonymous, whatever identity headers they carry', async () => {
    const res = await get('/open', { 'x-gomall-user-id': 'u2', 'x-gomall-user-roles': 'admin' });
    expect(res.body).toEqual({ user: null, context: null });
    expect((await get('/mine', { 'x-gomall-user-id': 'u2' })).status).toBe(401);
  });

  it('puts the verified user into ctx.state and the request context, replacing spoofed headers', async () => {
    const res = await get('/mine', { authorization: `Bearer ${sign()}`, 'x-gomall-user-id': 'u2' });
    expect(res).toEqual({ status: 200, body: { id: 'u1', header: '', roles: ['customer'] } });
  });

  it('answers 401 for an invalid token, even on an open route', async () => {
    expect((await get('/open', { authorization: 'Bearer a.b.c' })).status).toBe(401);
    expect((await get('/open', { authorization: 'Token abc' })).status).toBe(401);
  });

  it('answers 401 for a revoked login', async () => {
    revoked.add('s-revoked');
    const res = await get('/mine', { authorization: `Bearer ${sign({ sid: 's-revoked' })}` });
    expect(res.status).toBe(401);
  });

  it('answers 403 without the role and lets the role through', async () => {
    expect((await get('/admin', { authorization: `Bearer ${sign()}` })).status).toBe(403);
    const admin = sign({ roles: ['customer', 'admin'] });
    expect((await get('/admin', { authorization: `Bearer ${admin}` })).status).toBe(200);
    expect((await get('/admin')).status).toBe(401);
  });

  it("acts with the user's current roles, not the token's stale claim", async () => {
    const admin = sign({ sub: 'u-demoted', roles: ['customer', 'admin'] });
    currentRoles.set('u-demoted', ['customer']);
    expect((await get('/admin', { authorization: `Bearer ${admin}` })).status).toBe(403);
    const customer = sign({ sub: 'u-promoted' });
    currentRoles.set('u-promoted', ['customer', 'admin']);
    expect((await get('/admin', { authorization: `Bearer ${customer}` })).status).toBe(200);
  });
});

describe('createSecurity', () => {
  it('refuses the development signing key in production', () => {
    const config = loadGatewayConfig({
      NODE_ENV: 'production',
      REDIS_URL: 'redis://:a-production-redis-password@redis:6379',
    });
    expect(() => createSecurity(config, createLogger('gateway-test', 'silent'))).toThrow(
      /development key/,
    );
  });
});
