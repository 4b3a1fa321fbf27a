import { randomUUID } from 'node:crypto';
import { registerCustomer, login } from './support/auth';
import { withSchema } from './support/db';
import { api, errorCode } from './support/http';
import { invoke } from './support/invoke';

jest.setTimeout(60_000);

/**
 * Mutating calls to user and auth are safe to repeat: a request that comes again with the same
 * Idempotency-Key (daprd retrying a call that reached the callee, a caller trying again) is a
 * replay of the first — not a second account, a second login, or refresh-token reuse.
 */
interface TokenPair {
  accessToken: string;
  refreshToken: string;
}

const refreshVia = (refreshToken: string, key?: string) =>
  invoke<TokenPair>('auth', '/refresh', {
    body: { refreshToken },
    headers: key ? { 'idempotency-key': key } : {},
  });

describe('auth: a retried refresh is a replay, not token reuse', () => {
  it('the same key twice answers the same pair and the login stays alive', async () => {
    const customer = await registerCustomer();
    const key = randomUUID();
    const first = await refreshVia(customer.refreshToken, key);
    const again = await refreshVia(customer.refreshToken, key);
    expect(first.status).toBe(200);
    expect(again.status).toBe(200);
    expect(again.body).toEqual(first.body);
    // Not taken for reuse: the new refresh token works and the login was not revoked.
    const next = await api<TokenPair>('/auth/refresh', {
      body: { refreshToken: first.body.refreshToken },
    });
    expect(next.status).toBe(200);
    expect((await api('/users/me', { token: next.body.accessToken })).status).toBe(200);
  });

  it('two requests with one key at the same moment: one rotation, both get its pair', async () => {
    const customer = await registerCustomer();
    const key = randomUUID();
    const answers = await Promise.all([
      refreshVia(customer.refreshToken, key),
      refreshVia(customer.refreshToken, key),
    ]);
    expect(answers.map((a) => a.status)).toEqual([200, 200]);
    expect(answers[1].body).toEqual(answers[0].body);
    const next = await api('/auth/refresh', {
      body: { refreshToken: answers[0].body.refreshToken },
    });
    expect(next.status).toBe(200);
  });

  it('without the key a second use is still reuse: the login is revoked', async () => {
    const customer = await registerCustomer();
    const first = await refreshVia(customer.refreshToken, randomUUID());
    expect(first.status).toBe(200);
    const reuse = await refreshVia(customer.refreshToken, randomUUID());
    expect(reuse.status).toBe(401);
    const next = await api('/auth/refresh', { body: { refreshToken: first.body.refreshToken } });
    expect(next.status).toBe(401);
  });

  it('a key reused for another token is refused (422), not answered with the first pair', async () => {
    const one = await registerCustomer();
    const other = await registerCustomer();
    const key = randomUUID();
    expect((await refreshVia(one.refreshToken, key)).status).toBe(200);
    const wrong = await refreshVia(other.refreshToken, key);
    expect(wrong.status).toBe(422);
    expect(errorCode(wrong)).toBe('IDEMPOTENCY_KEY_REUSED');
  });

  it('a retried login opens one session and answers the same pair', async () => {
    const customer = await registerCustomer();
    const key = randomUUID();
    const body = { email: customer.email, password: customer.password };
    const first = await invoke<TokenPair>('auth', '/login', {
      body,
      headers: { 'idempotency-key': key },
    });
    const again = await invoke<TokenPair>('auth', '/login', {
      body,
      headers: { 'idempotency-key': key },
    });
    expect(first.status).toBe(200);
    expect(again.body).toEqual(first.body);
    // Replayed only to whoever knows the password.
    const wrongPassword = await invoke('auth', '/login', {
      body: { ...body, password: 'not-the-password' },
      headers: { 'idempotency-key': key },
    });
    expect(wrongPassword.status).toBe(401);
    const sessions = await withSchema('auth', async (db) => {
      const [rows] = await db.query('SELECT id FROM sessions WHERE user_id = ?', [customer.id]);
      return rows as unknown[];
    });
    expect(sessions).toHaveLength(2); // registerCustomer's own login + this one
  });
});

describe('user: a retried registration or change is a replay', () => {
  it('the same key twice creates one account (and one event) and answers 201 both times', async () => {
    const key = randomUUID();
    const body = {
      email: `retry-${randomUUID()}@gomall.test`,
      password: 'pw-retried-1',
      name: 'R',
    };
    const first = await invoke<{ user: { id: string } }>('user', '/users', {
      body,
      headers: { 'idempotency-key': key },
    });
    const again = await invoke<{ user: { id: string } }>('user', '/users', {
      body,
      headers: { 'idempotency-key': key },
    });
    expect([first.status, again.status]).toEqual([201, 201]);
    expect(again.body).toEqual(first.body);
    const counts = await withSchema('user', async (db) => {
      const [users] = await db.query('SELECT id FROM users WHERE email = ?', [body.email]);
      const [events] = await db.query('SELECT id FROM outbox_events WHERE payload LIKE ?', [
        `%${first.body.user.id}%`,
      ]);
      return { users: (users as unknown[]).length, events: (events as unknown[]).length };
    });
    expect(counts).toEqual({ users: 1, events: 1 });
    // Another key is another registration: the email is taken.
    const other = await invoke('user', '/users', {
      body,
      headers: { 'idempotency-key': randomUUID() },
    });
    expect(other.status).toBe(409);
  });

  it('a retried password change answers 200 again instead of 403 (the password it checks has changed)', async () => {
    const customer = await registerCustomer();
    const key = randomUUID();
    const change = {
      body: { password: 'pw-changed-once', currentPassword: customer.password },
      as: { userId: customer.id, roles: ['customer'] },
      method: 'PATCH' as const,
      headers: { 'idempotency-key': key },
    };
    const first = await invoke('user', '/users/me', change);
    const again = await invoke('user', '/users/me', change);
    expect([first.status, again.status]).toEqual([200, 200]);
    await login(customer.email, 'pw-changed-once');
  });
});
