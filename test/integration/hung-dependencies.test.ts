import { randomUUID } from 'node:crypto';
import jwt from 'jsonwebtoken';
import type { Stack } from '@gomall/devstack';
import { TEST_SIGNING_KEYS, TEST_TOKEN_SETTINGS } from './support/auth';
import { startOwnStack, stopOwnStack } from './support/own-stack';

/**
 * A hung dependency (SIGSTOP: the process is there, its sockets accept, nothing answers) costs a
 * shopper at most 3 s and a 503 envelope, never a hang; the mall answers normally within seconds
 * of it resuming. Redis hung: authenticated calls fail closed, the catalog keeps answering. Runs
 * a mall of its own (gateway + product) so the shared one is never frozen.
 */
jest.setTimeout(240_000);

describe('hung MariaDB and Redis', () => {
  let stack: Stack;
  let productId: string;

  beforeAll(async () => {
    stack = await startOwnStack(['gateway', 'product']);
    const list = await fetch(`${stack.gatewayUrl}/api/v1/products?pageSize=1`);
    productId = ((await list.json()) as { items: Array<{ id: string }> }).items[0]!.id;
  });
  afterAll(async () => {
    for (const name of ['mariadb', 'redis']) stack?.signal(name, 'SIGCONT');
    await stopOwnStack(stack);
  });

  const timed = async (path: string, init: RequestInit = {}) => {
    const started = Date.now();
    const response = await fetch(`${stack.gatewayUrl}/api/v1${path}`, {
      ...init,
      signal: AbortSignal.timeout(30_000),
    });
    const body = (await response.json()) as { error?: { code: string } };
    return { status: response.status, body, ms: Date.now() - started };
  };

  const adminToken = () =>
    jwt.sign(
      {
        sub: randomUUID(),
        sid: randomUUID(),
        jti: randomUUID(),
        roles: ['admin'],
        iss: TEST_TOKEN_SETTINGS.issuer,
        aud: TEST_TOKEN_SETTINGS.audience,
      },
      TEST_SIGNING_KEYS['test-new'],
      { algorithm: 'HS256', keyid: 'test-new', expiresIn: 300 },
    );

  const recovers = async (path: string, init: RequestInit = {}, expected = 200) => {
    const resumed = Date.now();
    for (;;) {
      const answer = await timed(path, init);
      if (answer.status === expected) return Date.now() - resumed;
      if (Date.now() - resumed > 20_000) throw new Error(`still ${answer.status} after 20 s`);
      await new Promise((r) => setTimeout(r, 200));
    }
  };

  it('answers 503 within 3 s while MariaDB is hung, and normally soon after it resumes', async () => {
    // An unknown product: always looked up in the database (catalog answers that exist may come
    // from the product service's read cache for a second, which is the point of it).
    const unknown = `/products/${randomUUID()}`;
    expect((await timed(unknown)).status).toBe(404);
    stack.signal('mariadb', 'SIGSTOP');
    let hung: Awaited<ReturnType<typeof timed>>[] = [];
    try {
      hung = [await timed(unknown), await timed(unknown)];
    } finally {
      stack.signal('mariadb', 'SIGCONT');
    }
    const recovery = await recovers(unknown, {}, 404);
    process.stderr.write(
      `[hung db] 503 after ${hung.map((h) => h.ms).join(' ms, ')} ms; 200 again ${recovery} ms after SIGCONT\n`,
    );
    for (const answer of hung) {
      expect(answer.status).toBe(503);
      expect(answer.body.error?.code).toBe('UNAVAILABLE');
      expect(answer.ms).toBeLessThan(3000);
    }
    expect(recovery).toBeLessThan(10_000);
  });

  it('fails authenticated calls closed while Redis is hung, and keeps the catalog answering', async () => {
    const token = adminToken();
    const authed: RequestInit = {
      method: 'DELETE',
      headers: { authorization: `Bearer ${token}` },
    };
    const missing = `/admin/products/${randomUUID()}`;
    expect((await timed(missing, authed)).status).toBe(404);
    stack.signal('redis', 'SIGSTOP');
    let closed: Awaited<ReturnType<typeof timed>>;
    let catalog: Awaited<ReturnType<typeof timed>>;
    try {
      closed = await timed(missing, authed);
      catalog = await timed(`/products/${productId}`);
    } finally {
      stack.signal('redis', 'SIGCONT');
    }
    const recovery = await recovers(missing, authed, 404);
    process.stderr.write(
      `[hung redis] authenticated ${closed.status} after ${closed.ms} ms; catalog ${catalog.status} after ${catalog.ms} ms; back ${recovery} ms after SIGCONT\n`,
    );
    expect(closed.status).toBe(503);
    expect(closed.ms).toBeLessThan(3000);
    expect(catalog.status).toBe(200);
    expect(catalog.ms).toBeLessThan(3000);
    expect(recovery).toBeLessThan(10_000);
  });
});
