import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { freePort, httpOk, waitFor } from '@gomall/devstack';
import { measure, singleConnectionLatency, type BenchResult } from '../measure';
import type { Watched } from '../procstat';
import type { Scenario } from './types';

/**
 * A bare Node `http` server in its own process that answers the same JSON: the floor against
 * which the gateway → daprd → daprd → product → MariaDB path is compared.
 */
async function startBareServer(
  body: string,
): Promise<{ url: string; pid: number; stop: () => Promise<void> }> {
  const port = await freePort();
  const source = `
    const http = require('node:http');
    const body = Buffer.from(process.env.BODY);
    http.createServer((req, res) => {
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': body.length });
      res.end(body);
    }).listen(Number(process.env.PORT), '127.0.0.1');`;
  const child = spawn(process.execPath, ['-e', source], {
    env: { PORT: String(port), BODY: body },
    stdio: 'inherit',
  });
  const url = `http://127.0.0.1:${port}/`;
  await waitFor('bare Node server', () => httpOk(url), 10_000);
  return {
    url,
    pid: child.pid!,
    stop: async () => {
      child.kill('SIGTERM');
      await once(child, 'exit');
    },
  };
}

/** One way to reach `GET /products/:id`, from the app itself outwards. */
interface Hop {
  name: string;
  url: string;
  headers?: Record<string, string>;
}

/**
 * `GET /products/:id` hop by hop (bare Node, the product app directly, through the product's
 * sidecar, through the gateway's and the product's sidecars, the full public path), a conditional
 * GET answered 304, a page of 20 and the category list; then one connection per hop, which shows
 * the latency each hop adds.
 */
export const catalogScenario: Scenario = {
  name: 'catalog',
  async run({ stack, gatewayUrl, connections, durationSec, log, processes }) {
    const api = `${gatewayUrl}/api/v1`;
    const list = (await (await fetch(`${api}/products?pageSize=1`)).json()) as {
      items: Array<{ id: string }>;
    };
    const id = list.items[0]!.id;
    const method = `products/${id}`;
    const full = await fetch(`${api}/products/${id}`);
    const body = await full.text();
    const etag = full.headers.get('etag');
    const bare = await startBareServer(body);
    const hops: Hop[] = [
      { name: 'bare Node http, same JSON', url: bare.url },
      {
        name: 'product app directly',
        url: `${stack.appUrl('product')}/${method}`,
        // What the product's sidecar shows the app (the app refuses calls without it).
        headers: { 'dapr-api-token': stack.tokensOf('product').app },
      },
      {
        name: 'product daprd → app',
        url: `${stack.daprUrl('product')}/v1.0/invoke/product/method/${method}`,
        headers: { 'dapr-api-token': stack.tokensOf('product').dapr },
      },
      {
        name: 'gateway daprd → product daprd → app',
        url: `${stack.daprUrl('gateway')}/v1.0/invoke/product/method/${method}`,
        headers: { 'dapr-api-token': stack.tokensOf('gateway').dapr },
      },
      { name: 'full path via gateway', url: `${api}/${method}` },
    ];
    const watch = (): Watched[] => [...processes(), { name: 'bare-node', pid: bare.pid }];
    const results: BenchResult[] = [];
    try {
      for (const hop of hops) {
        log(`GET /products/:id, ${hop.name}: ${connections} connections, ${durationSec}s`);
        const result = await measure({
          name: `GET /products/:id — ${hop.name}`,
          url: hop.url,
          headers: hop.headers,
          connections,
          durationSec,
          watch: watch(),
        });
        results.push(result);
      }
      if (etag) {
        log('GET /products/:id with If-None-Match (304) via gateway');
        results.push(
          await measure({
            name: 'GET /products/:id — full path, If-None-Match → 304',
            url: `${api}/${method}`,
            headers: { 'if-none-match': etag },
            connections,
            durationSec,
            watch: watch(),
            expectStatus: 304,
          }),
        );
      }
      for (const [name, path] of [
        ['GET /products?pageSize=20 — full path', '/products?pageSize=20'],
        ['GET /categories — full path', '/categories'],
      ] as const) {
        log(`${name}: ${connections} connections, ${durationSec}s`);
        results.push(
          await measure({ name, url: `${api}${path}`, connections, durationSec, watch: watch() }),
        );
      }
      let previous: BenchResult | undefined;
      for (const hop of hops) {
        log(`one connection: ${hop.name}`);
        const result = await singleConnectionLatency({
          name: `1 connection — ${hop.name}`,
          url: hop.url,
          headers: hop.headers,
          count: 2000,
          maxSec: Math.max(3, durationSec / 2),
        });
        if (previous && hop !== hops[1]) {
          result.note = `adds ${(result.p50Ms - previous.p50Ms).toFixed(2)} ms p50 to the hop before`;
        }
        results.push(result);
        previous = result;
      }
      return results;
    } finally {
      await bare.stop();
    }
  },
};
