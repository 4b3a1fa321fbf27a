import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { join, resolve } from 'node:path';
import { freePort, httpOk, waitFor } from '@gomall/devstack';
import {
  GATEWAY_TEST_ENV,
  IDENTITY_TEST_ENV,
  randomClientIp,
  registerCustomer,
} from './support/auth';
import { itEnv } from './support/env';
import { request, type ApiResponse } from './support/http';

jest.setTimeout(60_000);

/**
 * A second gateway replica (its own process, same sidecar, same Redis): rate-limit counters and
 * the revocation list are shared, so splitting traffic between replicas buys no extra budget and
 * a logout on one is seen by the other at once.
 */
let second: ChildProcess;
let secondUrl: string;

beforeAll(async () => {
  const port = await freePort();
  const opsPort = await freePort();
  secondUrl = `http://127.0.0.1:${port}`;
  const repoRoot = resolve(__dirname, '..', '..');
  second = spawn(process.execPath, [join(repoRoot, 'services', 'gateway', 'dist', 'index.js')], {
    env: {
      PATH: process.env.PATH,
      LOG_LEVEL: 'warn',
      PORT: String(port),
      OPS_PORT: String(opsPort),
      DAPR_HOST: '127.0.0.1',
      DAPR_HTTP_PORT: new URL(itEnv('GATEWAY_DAPR_URL')).port,
      DAPR_API_TOKEN: itEnv('GATEWAY_DAPR_TOKEN'),
      REDIS_URL: itEnv('REDIS_URL'),
      ...IDENTITY_TEST_ENV,
      ...GATEWAY_TEST_ENV,
    },
    stdio: 'ignore',
  });
  await waitFor('second gateway', () => httpOk(`http://127.0.0.1:${opsPort}/readyz`), 30_000);
});

afterAll(async () => {
  second.kill('SIGTERM');
  if (second.exitCode === null) await once(second, 'exit');
});

const at = (base: string) => (path: string, options: Parameters<typeof request>[1]) =>
  request(`/api/v1${path}`, options, base);

describe('two gateway replicas', () => {
  it('share one /auth/* budget per client IP', async () => {
    const first = at(itEnv('GATEWAY_URL'));
    const other = at(secondUrl);
    const ip = randomClientIp();
    const budget = Number(GATEWAY_TEST_ENV.RATE_LIMIT_AUTH_PER_IP);
    const answers: ApiResponse[] = [];
    // Alternating replicas, 20 at a time: each replica alone sees only half the budget used.
    for (let sent = 0; sent <= budget; sent += 20) {
      const batch = Math.min(20, budget + 1 - sent);
      answers.push(
        ...(await Promise.all(
          Array.from({ length: batch }, (_, i) =>
            (i % 2 === 0 ? first : other)('/auth/refresh', {
              body: {},
              headers: { 'x-forwarded-for': ip },
            }),
          ),
        )),
      );
    }
    expect(answers).toHaveLength(budget + 1);
    expect(answers.filter((a) => a.status === 429)).toHaveLength(1);
  });

  it('see a logout on one replica at once on the other', async () => {
    const customer = await registerCustomer();
    const me = (base: string) => request('/api/v1/users/me', { token: customer.accessToken }, base);
    expect((await me(secondUrl)).status).toBe(200);
    const out = await request(
      '/api/v1/auth/logout',
      { method: 'POST', token: customer.accessToken },
      itEnv('GATEWAY_URL'),
    );
    expect(out.status).toBe(204);
    expect((await me(secondUrl)).status).toBe(401);
  });
});
