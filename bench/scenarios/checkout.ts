import { randomUUID } from 'node:crypto';
import mysql from 'mysql2/promise';
import { DB_PASSWORD, DB_USER } from '@gomall/devstack';
import type { BenchResult } from '../measure';
import type { Scenario } from './types';

/** A large stock, so the run measures the saga rather than sold-out answers. */
const STOCK = 10_000_000;
const CARD = { number: '4242424242424242', expMonth: 12, expYear: 2099, cvv: '123' };
const ADDRESS = {
  name: 'Bench Buyer',
  street: '1 Load St',
  city: 'Benchville',
  zipCode: '00001',
  country: 'US',
};

const percentile = (sorted: number[], p: number): number =>
  sorted.length === 0
    ? 0
    : sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

/**
 * Checkouts per second with `connections` concurrent buyers, each in a closed loop: add one unit
 * to the cart, then POST /checkout with a fresh Idempotency-Key (the whole saga: reserve, order,
 * charge, mark paid, commit, empty the cart). Only the checkout call is timed. autocannon is not
 * used here because every checkout needs its own filled cart first.
 */
export const checkoutScenario: Scenario = {
  name: 'checkout',
  async run({ stack, gatewayUrl, connections, durationSec, log }) {
    const api = `${gatewayUrl}/api/v1`;
    const call = async (path: string, init: { token?: string; body?: unknown; key?: string }) => {
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (init.token) headers.authorization = `Bearer ${init.token}`;
      if (init.key) headers['idempotency-key'] = init.key;
      const response = await fetch(`${api}${path}`, {
        method: 'POST',
        headers,
        body: JSON.stringify(init.body),
      });
      await response.arrayBuffer();
      return response.status;
    };

    const list = (await (await fetch(`${api}/products?pageSize=1`)).json()) as {
      items: Array<{ id: string }>;
    };
    const productId = list.items[0]!.id;
    const db = await mysql.createConnection({
      host: '127.0.0.1',
      port: stack.options.ports.db,
      user: DB_USER,
      password: DB_PASSWORD,
      database: `${stack.options.dbPrefix}_product`,
    });
    await db.execute('UPDATE products SET stock_on_hand = ?, stock_reserved = 0 WHERE id = ?', [
      STOCK,
      productId,
    ]);
    await db.end();

    log(`registering ${connections} buyers`);
    const tokens: string[] = [];
    for (let i = 0; i < connections; i++) {
      const email = `bench-buyer-${randomUUID()}@gomall.bench`;
      const password = 'bench-password-1';
      if ((await call('/auth/register', { body: { email, password, name: 'Buyer' } })) !== 201) {
        throw new Error('register failed');
      }
      const login = await fetch(`${api}/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email, password }),
      });
      tokens.push(((await login.json()) as { accessToken: string }).accessToken);
    }

    const buyerLoop = async (
      token: string,
      until: number,
      latencies: number[],
      failures: number[],
    ) => {
      while (Date.now() < until) {
        if ((await call('/cart/items', { token, body: { productId, quantity: 1 } })) !== 200) {
          failures.push(0);
          continue;
        }
        const started = performance.now();
        const status = await call('/checkout', {
          token,
          key: randomUUID(),
          body: { address: ADDRESS, card: CARD },
        });
        if (status === 201) latencies.push(performance.now() - started);
        else failures.push(status);
      }
    };
    const run = async (seconds: number) => {
      const latencies: number[] = [];
      const failures: number[] = [];
      const started = Date.now();
      await Promise.all(
        tokens.map((t) => buyerLoop(t, started + seconds * 1000, latencies, failures)),
      );
      return { latencies, failures, seconds: (Date.now() - started) / 1000 };
    };

    log(`${connections} buyers checking out in a loop for ${durationSec}s (after a 2s warm-up)`);
    await run(Math.min(2, durationSec));
    const { latencies, failures, seconds } = await run(durationSec);
    const sorted = [...latencies].sort((a, b) => a - b);
    const result: BenchResult = {
      name: `POST /checkout (saga, ${connections} buyers)`,
      connections,
      requestsPerSec: latencies.length / seconds,
      p50Ms: percentile(sorted, 50),
      p99Ms: percentile(sorted, 99),
      requests: latencies.length + failures.length,
      non2xx: failures.length,
      errors: 0,
    };
    return [result];
  },
};
