import { randomUUID } from 'node:crypto';
import { measure } from '../measure';
import type { Scenario } from './types';

/**
 * The cost of authentication on the hot path: `GET /users/me` (token verified at the gateway,
 * revocation MGET and per-user counter in Redis, then user → MariaDB) against an anonymous catalog
 * GET at the same concurrency, plus the same catalog GET with a token (the authentication cost
 * alone, same endpoint). Then logins per second (bcrypt cost 10 in the user service, a session and
 * a refresh token written by auth).
 */
export const authScenario: Scenario = {
  name: 'auth',
  async run({ gatewayUrl, connections, durationSec, log }) {
    const api = `${gatewayUrl}/api/v1`;
    const email = `bench-${randomUUID()}@gomall.bench`;
    const password = 'bench-password-1';
    const post = (path: string, body: unknown) =>
      fetch(`${api}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    const registered = await post('/auth/register', { email, password, name: 'Bench' });
    if (registered.status !== 201) throw new Error(`register: ${registered.status}`);
    const login = await post('/auth/login', { email, password });
    const { accessToken } = (await login.json()) as { accessToken: string };
    const list = (await (await fetch(`${api}/products?pageSize=1`)).json()) as {
      items: Array<{ id: string }>;
    };
    const productUrl = `${api}/products/${list.items[0]!.id}`;
    const bearer = { authorization: `Bearer ${accessToken}` };

    log(
      `GET /users/me vs anonymous GET /products/:id, ${connections} connections, ${durationSec}s`,
    );
    const me = await measure({
      name: 'GET /users/me (token)',
      url: `${api}/users/me`,
      headers: bearer,
      connections,
      durationSec,
    });
    const anonymous = await measure({
      name: 'GET /products/:id (anonymous)',
      url: productUrl,
      connections,
      durationSec,
    });
    const withToken = await measure({
      name: 'GET /products/:id (token)',
      url: productUrl,
      headers: bearer,
      connections,
      durationSec,
    });
    // bcrypt bounds logins to a few dozen a second; more connections would only queue (and time
    // out) behind it without adding throughput.
    const loginConnections = Math.min(connections, 5);
    log(`POST /auth/login, one account, right password, ${loginConnections} connections`);
    const logins = await measure({
      name: 'POST /auth/login',
      url: `${api}/auth/login`,
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password }),
      connections: loginConnections,
      durationSec,
    });
    return [me, anonymous, withToken, logins];
  },
};
