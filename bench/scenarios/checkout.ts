import { randomUUID } from 'node:crypto';
import { loadavg } from 'node:os';
import mysql from 'mysql2/promise';
import { DB_PASSWORD, DB_USER } from '@gomall/devstack';
import { percentile, perRequest, type BenchResult } from '../measure';
import { cpuSince, cpuSnapshot } from '../procstat';
import type { Scenario } from './types';

/** A large stock, so the timed runs measure the saga rather than sold-out answers. */
const STOCK = 10_000_000;
/** The sell-out burst: this many units, every buyer after one, so exactly this many may sell. */
const SELL_OUT_STOCK = 10;
const CARD = { number: '4242424242424242', expMonth: 12, expYear: 2099, cvv: '123' };
const ADDRESS = {
  name: 'Bench Buyer',
  street: '1 Load St',
  city: 'Benchville',
  zipCode: '00001',
  country: 'US',
};

interface StockRow {
  onHand: number;
  reserved: number;
  sold: number;
}

/**
 * Checkouts per second with `connections` concurrent buyers, each in a closed loop: add one unit
 * to the cart, then POST /checkout with a fresh Idempotency-Key (the whole saga: reserve, order,
 * charge, mark paid, commit, empty the cart). Only the checkout call is timed. Twice: every buyer
 * on a product of their own, then all of them on one hot product, whose stock must add up
 * afterwards; then a sell-out burst (more buyers than units, at once) that must sell exactly the
 * units there are. autocannon is not used here because every checkout needs a filled cart first.
 */
export const checkoutScenario: Scenario = {
  name: 'checkout',
  async run({ stack, gatewayUrl, connections, durationSec, log, processes }) {
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

    const list = (await (await fetch(`${api}/products?pageSize=100`)).json()) as {
      items: Array<{ id: string }>;
    };
    const ids = list.items.map((item) => item.id);
    const db = await mysql.createConnection({
      host: '127.0.0.1',
      port: stack.options.ports.db,
      user: DB_USER,
      password: DB_PASSWORD,
      database: `${stack.options.dbPrefix}_product`,
    });
    const stockOf = async (id: string): Promise<StockRow> => {
      const [rows] = await db.execute(
        'SELECT stock_on_hand AS onHand, stock_reserved AS reserved, units_sold AS sold FROM products WHERE id = ?',
        [id],
      );
      return (rows as StockRow[])[0]!;
    };
    try {
      const placeholders = ids.map(() => '?').join(', ');
      await db.execute(`UPDATE products SET stock_on_hand = ? WHERE id IN (${placeholders})`, [
        STOCK,
        ...ids,
      ]);

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
      const checkOut = async (token: string, productId: string) => {
        if ((await call('/cart/items', { token, body: { productId, quantity: 1 } })) !== 200) {
          return -1;
        }
        return call('/checkout', {
          token,
          key: randomUUID(),
          body: { address: ADDRESS, card: CARD },
        });
      };

      const timed = async (name: string, productOf: (buyer: number) => string) => {
        let sold = 0;
        const loop = async (seconds: number) => {
          const latencies: number[] = [];
          const failures: number[] = [];
          const started = Date.now();
          const until = started + seconds * 1000;
          await Promise.all(
            tokens.map(async (token, buyer) => {
              while (Date.now() < until) {
                const t0 = performance.now();
                const status = await checkOut(token, productOf(buyer));
                if (status === 201) latencies.push(performance.now() - t0);
                else failures.push(status);
              }
            }),
          );
          sold += latencies.length;
          return { latencies, failures, seconds: (Date.now() - started) / 1000 };
        };
        log(`${name}: ${connections} buyers in a loop for ${durationSec}s (after a 2s warm-up)`);
        await loop(Math.min(2, durationSec));
        const watch = processes();
        const load1 = loadavg()[0];
        const before = cpuSnapshot(watch);
        const { latencies, failures, seconds } = await loop(durationSec);
        const cpu = cpuSince(before, watch);
        const sorted = [...latencies].sort((a, b) => a - b);
        const result: BenchResult = {
          name,
          connections,
          requestsPerSec: latencies.length / seconds,
          p50Ms: percentile(sorted, 50),
          p99Ms: percentile(sorted, 99),
          requests: latencies.length + failures.length,
          non2xx: failures.length,
          errors: 0,
          cpuPerRequest: perRequest(cpu, latencies.length),
          load1,
        };
        return { result, sold };
      };

      const distinct = await timed(
        `POST /checkout — ${connections} buyers, a product each (cart add + saga)`,
        (buyer) => ids[buyer % ids.length]!,
      );
      const hotId = ids[0]!;
      const hotBefore = await stockOf(hotId);
      const hot = await timed(
        `POST /checkout — ${connections} buyers, one hot product (cart add + saga)`,
        () => hotId,
      );
      hot.result.note = await checkHotStock(stockOf, hotId, hotBefore, hot.sold);

      log(`sell-out: ${SELL_OUT_STOCK} units, ${connections} buyers at once`);
      await db.execute('UPDATE products SET stock_on_hand = stock_reserved + ? WHERE id = ?', [
        SELL_OUT_STOCK,
        hotId,
      ]);
      // Empty carts first: a buyer whose last checkout failed still has a unit in the cart.
      await Promise.all(
        tokens.map((token) =>
          fetch(`${api}/cart`, { method: 'DELETE', headers: { authorization: `Bearer ${token}` } }),
        ),
      );
      const sellOutBefore = await stockOf(hotId);
      const statuses = await Promise.all(tokens.map((token) => checkOut(token, hotId)));
      const accepted = statuses.filter((s) => s === 201).length;
      const sellOutAfter = await settled(stockOf, hotId);
      const soldUnits = sellOutAfter.sold - sellOutBefore.sold;
      // Oversold: more units left the shelf than there were, or the shelf and the sales disagree.
      // Fewer sales than units (a checkout that failed for another reason, a 503 under load) is
      // reported, not fatal.
      const conserved = sellOutAfter.onHand + soldUnits === sellOutBefore.onHand;
      const answers = summary(statuses);
      if (soldUnits > SELL_OUT_STOCK || sellOutAfter.onHand < 0 || !conserved) {
        throw new Error(
          `OVERSOLD: ${SELL_OUT_STOCK} units, ${accepted} checkouts accepted, ` +
            `${soldUnits} units sold, ${sellOutAfter.onHand} on hand (answers: ${answers})`,
        );
      }
      hot.result.note +=
        `; sell-out burst: ${SELL_OUT_STOCK} units, ${connections} buyers at once → ${accepted} ` +
        `accepted, ${soldUnits} sold, ${sellOutAfter.onHand} left (answers: ${answers})`;
      return [distinct.result, hot.result];
    } finally {
      await db.end();
    }
  },
};

/** Waits (up to 15 s) for sagas in flight to commit or release what they reserved. */
async function settled(stockOf: (id: string) => Promise<StockRow>, id: string): Promise<StockRow> {
  const until = Date.now() + 15_000;
  let row = await stockOf(id);
  while (row.reserved !== 0 && Date.now() < until) {
    await new Promise((resolve) => setTimeout(resolve, 200));
    row = await stockOf(id);
  }
  return row;
}

/** The hot product's stock must add up: units sold = checkouts accepted, none on hand lost. */
async function checkHotStock(
  stockOf: (id: string) => Promise<StockRow>,
  id: string,
  before: StockRow,
  accepted: number,
): Promise<string> {
  const after = await settled(stockOf, id);
  const sold = after.sold - before.sold;
  const shelf = before.onHand - after.onHand;
  if (sold !== shelf || after.onHand < 0 || after.reserved < 0 || sold < accepted) {
    throw new Error(
      `hot product stock does not add up: ${accepted} accepted, ${sold} counted sold, ` +
        `${shelf} left the shelf, ${after.onHand} on hand, ${after.reserved} reserved`,
    );
  }
  return `stock adds up: ${accepted} accepted, ${sold} sold, ${shelf} left the shelf, ${after.reserved} reserved after`;
}

const summary = (statuses: number[]): string => {
  const counts = new Map<number, number>();
  for (const s of statuses) counts.set(s, (counts.get(s) ?? 0) + 1);
  return [...counts].map(([s, n]) => `${n}× ${s}`).join(', ');
};
