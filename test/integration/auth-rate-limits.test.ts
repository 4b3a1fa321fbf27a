import { randomUUID } from 'node:crypto';
import { GATEWAY_TEST_ENV, randomClientIp, registerCustomer } from './support/auth';
import { api, errorCode, request, type ApiResponse } from './support/http';

// Generous: the whole mall shares two cores with parallel test files.
jest.setTimeout(60_000);

/**
 * Limits are counted in Redis (shared by every gateway replica). The test mall trusts one proxy
 * hop, so each test here uses its own X-Forwarded-For address and never touches the budget of the
 * other test files, which call from 127.0.0.1.
 */
const limit = (name: string) => Number(GATEWAY_TEST_ENV[name]);

/** Sends `count` requests, `parallel` at a time, and returns the answers in order. */
async function burst(count: number, parallel: number, send: () => Promise<ApiResponse>) {
  const answers: ApiResponse[] = [];
  for (let sent = 0; sent < count; sent += parallel) {
    const batch = Math.min(parallel, count - sent);
    answers.push(...(await Promise.all(Array.from({ length: batch }, send))));
  }
  return answers;
}

function expectRateLimited(res: ApiResponse, maxSeconds: number): void {
  expect(res.status).toBe(429);
  expect(errorCode(res)).toBe('RATE_LIMITED');
  const retryAfter = Number(res.headers.get('retry-after'));
  expect(Number.isInteger(retryAfter)).toBe(true);
  expect(retryAfter).toBeGreaterThanOrEqual(1);
  expect(retryAfter).toBeLessThanOrEqual(maxSeconds);
}

describe('rate limits', () => {
  it('blocks an email after repeated failed logins, with Retry-After, even for the right password', async () => {
    const customer = await registerCustomer();
    const failures = limit('LOGIN_FAILURES_PER_EMAIL');
    for (let i = 0; i < failures; i++) {
      const res = await api('/auth/login', {
        body: { email: customer.email, password: `wrong-${i}` },
        headers: { 'x-forwarded-for': randomClientIp() },
      });
      expect(res.status).toBe(401);
    }
    const blocked = await api('/auth/login', {
      body: { email: customer.email, password: customer.password },
      headers: { 'x-forwarded-for': randomClientIp() },
    });
    expectRateLimited(blocked, limit('LOGIN_BLOCK_BASE_SEC'));
    // Another email is not affected.
    const other = await registerCustomer();
    expect(other.accessToken).toBeTruthy();
  });

  it('backs off: each new block of one email lasts twice as long as the one before', async () => {
    const customer = await registerCustomer();
    const base = limit('LOGIN_BLOCK_BASE_SEC');
    const attempt = (password: string) =>
      api('/auth/login', {
        body: { email: customer.email, password },
        headers: { 'x-forwarded-for': randomClientIp() },
      });
    const retryAfters: number[] = [];
    for (let round = 0; round < 2; round++) {
      for (let i = 0; i < limit('LOGIN_FAILURES_PER_EMAIL'); i++) {
        expect((await attempt(`wrong-${i}`)).status).toBe(401);
      }
      const blocked = await attempt(customer.password);
      expect(blocked.status).toBe(429);
      retryAfters.push(Number(blocked.headers.get('retry-after')));
      // Wait the block out.
      await new Promise((resolve) => setTimeout(resolve, base * 1000 * 2 ** round + 300));
    }
    expect(retryAfters).toEqual([base, base * 2]);
    // After the block the right password works again.
    expect((await attempt(customer.password)).status).toBe(200);
  });

  it('counts unknown emails like known ones (the block does not reveal accounts)', async () => {
    const email = `nobody-${randomUUID()}@gomall.test`;
    const statuses: number[] = [];
    for (let i = 0; i <= limit('LOGIN_FAILURES_PER_EMAIL'); i++) {
      const res = await api('/auth/login', {
        body: { email, password: 'whatever-password' },
        headers: { 'x-forwarded-for': randomClientIp() },
      });
      statuses.push(res.status);
    }
    expect(statuses.at(-1)).toBe(429);
    expect(new Set(statuses.slice(0, -1))).toEqual(new Set([401]));
  });

  it('limits /auth/* per client IP', async () => {
    const ip = randomClientIp();
    const budget = limit('RATE_LIMIT_AUTH_PER_IP');
    // Malformed refreshes are cheap: the limit is counted before the body is even validated.
    const answers = await burst(budget + 1, 25, () =>
      api('/auth/refresh', { body: {}, headers: { 'x-forwarded-for': ip } }),
    );
    expect(answers.filter((a) => a.status === 400)).toHaveLength(budget);
    const limited = answers.filter((a) => a.status === 429);
    expect(limited).toHaveLength(1);
    expectRateLimited(limited[0]!, limit('RATE_LIMIT_WINDOW_SEC'));
    // Another address still gets through.
    const elsewhere = await api('/auth/refresh', {
      body: {},
      headers: { 'x-forwarded-for': randomClientIp() },
    });
    expect(elsewhere.status).toBe(400);
  });

  it('counts every spelling of an /auth/* path against the auth budget', async () => {
    const ip = randomClientIp();
    const budget = limit('RATE_LIMIT_AUTH_PER_IP');
    // Routes match case-insensitively and with a trailing slash; none of these may pass as
    // "anonymous elsewhere" (a far larger budget).
    const spellings = [
      '/API/V1/AUTH/REFRESH',
      '/api/v1/Auth/Refresh/',
      '/api/v1//auth/refresh',
      '/api/v1/%61uth/refresh',
      '/api/V1/auth/REFRESH',
    ];
    let sent = 0;
    const answers = await burst(budget + 1, 25, () =>
      request(spellings[sent++ % spellings.length]!, {
        body: {},
        headers: { 'x-forwarded-for': ip },
      }),
    );
    const limited = answers.filter((a) => a.status === 429);
    expect(limited).toHaveLength(1);
    expectRateLimited(limited[0]!, limit('RATE_LIMIT_WINDOW_SEC'));
    // The case variants really reach the login route (they are not merely 404s).
    const routed = await request('/API/V1/AUTH/REFRESH', {
      body: {},
      headers: { 'x-forwarded-for': randomClientIp() },
    });
    expect(routed.status).toBe(400);
  });

  it('never checks more wrong passwords than allowed, however many arrive at once', async () => {
    const customer = await registerCustomer();
    const tries = limit('LOGIN_FAILURES_PER_EMAIL');
    const answers = await Promise.all(
      Array.from({ length: tries * 3 }, (_, i) =>
        api('/auth/login', {
          body: { email: customer.email, password: `wrong-${i}` },
          headers: { 'x-forwarded-for': randomClientIp() },
        }),
      ),
    );
    const statuses = answers.map((a) => a.status);
    expect(statuses.filter((s) => s === 401)).toHaveLength(tries);
    expect(statuses.filter((s) => s === 429)).toHaveLength(tries * 2);
  });

  it('answers tokens with Cache-Control: no-store (login and refresh)', async () => {
    const customer = await registerCustomer();
    const login = await api<{ refreshToken: string }>('/auth/login', {
      body: { email: customer.email, password: customer.password },
      headers: { 'x-forwarded-for': randomClientIp() },
    });
    expect(login.status).toBe(200);
    expect(login.headers.get('cache-control')).toBe('no-store');
    const refreshed = await api('/auth/refresh', {
      body: { refreshToken: login.body.refreshToken },
      headers: { 'x-forwarded-for': randomClientIp() },
    });
    expect(refreshed.status).toBe(200);
    expect(refreshed.headers.get('cache-control')).toBe('no-store');
  });

  it('limits the rest per signed-in user, whatever address they come from', async () => {
    const customer = await registerCustomer();
    const other = await registerCustomer();
    const budget = limit('RATE_LIMIT_PER_USER');
    // An unknown route is the cheapest request that still passes authentication and the limit.
    const answers = await burst(budget + 1, 25, () =>
      api('/no-such-route', {
        token: customer.accessToken,
        headers: { 'x-forwarded-for': randomClientIp() },
      }),
    );
    expect(answers.filter((a) => a.status === 404)).toHaveLength(budget);
    const limited = answers.filter((a) => a.status === 429);
    expect(limited).toHaveLength(1);
    expectRateLimited(limited[0]!, limit('RATE_LIMIT_WINDOW_SEC'));
    expect((await api('/users/me', { token: customer.accessToken })).status).toBe(429);
    expect((await api('/users/me', { token: other.accessToken })).status).toBe(200);
  });
});
