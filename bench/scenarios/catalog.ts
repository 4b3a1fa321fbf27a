import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { freePort, httpOk, waitFor } from '@gomall/devstack';
import { measure } from '../measure';
import type { Scenario } from './types';

/**
 * A bare Node `http` server in its own process that answers the same JSON: the floor against
 * which the gateway → daprd → daprd → product → MariaDB path is compared.
 */
async function startBaseline(body: string): Promise<{ url: string; stop: () => Promise<void> }> {
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
  await waitFor('baseline server', () => httpOk(url), 10_000);
  return {
    url,
    stop: async () => {
      child.kill('SIGTERM');
      await once(child, 'exit');
    },
  };
}

export const catalogScenario: Scenario = {
  name: 'catalog',
  async run({ gatewayUrl, connections, durationSec, log }) {
    const list = (await (await fetch(`${gatewayUrl}/api/v1/products?pageSize=1`)).json()) as {
      items: Array<{ id: string }>;
    };
    const id = list.items[0]!.id;
    const productUrl = `${gatewayUrl}/api/v1/products/${id}`;
    const body = await (await fetch(productUrl)).text();
    const baseline = await startBaseline(body);
    try {
      log(
        `GET /api/v1/products/:id through the gateway, ${connections} connections, ${durationSec}s`,
      );
      const mall = await measure({
        name: 'GET /products/:id via gateway+2 daprd',
        url: productUrl,
        connections,
        durationSec,
      });
      log('the same JSON from a bare Node http server');
      const bare = await measure({
        name: 'bare Node http, same JSON',
        url: baseline.url,
        connections,
        durationSec,
      });
      return [mall, bare];
    } finally {
      await baseline.stop();
    }
  },
};
