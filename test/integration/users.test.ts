import { Redis } from 'ioredis';
import { login, randomClientIp, registerCustomer } from './support/auth';
import { withSchema } from './support/db';
import { itEnv } from './support/env';
import { eventually } from './support/eventually';
import { api, errorCode } from './support/http';
import { publishAs, viaSidecar } from './support/invoke';

// Generous: the whole mall shares two cores with parallel test files.
jest.setTimeout(60_000);

interface User {
  id: string;
  email: string;
  name: string;
  roles: string[];
  createdAt: string;
}

const me = (token: string) => api<User>('/users/me', { token });
const patchMe = (token: string, body: unknown) =>
  api<User>('/users/me', { method: 'PATCH', token, body });

describe('GET /users/me', () => {
  it('answers the caller’s own profile and nothing more', async () => {
    const customer = await registerCustomer('Grace');
    const res = await me(customer.accessToken);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      id: customer.id,
      email: customer.email,
      name: 'Grace',
      roles: ['customer'],
      createdAt: expect.any(String) as string,
    });
  });

  it('answers 401 without a token', async () => {
    const res = await api('/users/me');
    expect(res.status).toBe(401);
    expect(errorCode(res)).toBe('UNAUTHENTICATED');
  });
});

describe('PATCH /users/me', () => {
  it('changes the name', async () => {
    const customer = await registerCustomer();
    const res = await patchMe(customer.accessToken, { name: '  Renamed ' });
    expect(res.status).toBe(200);
    expect(res.body.name).toBe('Renamed');
    expect((await me(customer.accessToken)).body.name).toBe('Renamed');
  });

  it('changes the password only with the right current password', async () => {
    const customer = await registerCustomer();
    const wrong = await patchMe(customer.accessToken, {
      password: 'a-new-password',
      currentPassword: 'not-the-current-one',
    });
    expect(wrong.status).toBe(403);
    expect(errorCode(wrong)).toBe('FORBIDDEN');
    const missing = await patchMe(customer.accessToken, { password: 'a-new-password' });
    expect(missing.status).toBe(400);

    const ok = await patchMe(customer.accessToken, {
      password: 'a-new-password',
      currentPassword: customer.password,
    });
    expect(ok.status).toBe(200);
    expect(ok.text).not.toContain('a-new-password');
    await expect(login(customer.email, customer.password)).rejects.toThrow(/401/);
    expect((await login(customer.email, 'a-new-password')).accessToken).toBeTruthy();
  });

  it('ends every other login when the password changes, and keeps this one', async () => {
    const customer = await registerCustomer();
    const other = await login(customer.email, customer.password);
    const changed = await patchMe(customer.accessToken, {
      password: 'changed-password-1',
      currentPassword: customer.password,
    });
    expect(changed.status).toBe(200);
    expect((await me(customer.accessToken)).status).toBe(200);
    expect((await me(other.accessToken)).status).toBe(401);
    const refresh = await api('/auth/refresh', {
      body: { refreshToken: other.refreshToken },
      headers: { 'x-forwarded-for': randomClientIp() },
    });
    expect(refresh.status).toBe(401);
  });

  it.each([
    ['an empty body', {}],
    ['an unknown field', { name: 'X', email: 'other@gomall.test' }],
    ['a role', { roles: ['admin'] }],
    ['an id', { id: 'someone-else' }],
    ['a short password', { password: 'short', currentPassword: 'whatever-1' }],
    ['a wrong type', { name: 42 }],
    ['an empty name', { name: '' }],
  ])('refuses %s with 400', async (_case, body) => {
    const customer = await registerCustomer();
    const res = await patchMe(customer.accessToken, body);
    expect(res.status).toBe(400);
    expect(errorCode(res)).toBe('VALIDATION_FAILED');
  });

  it('answers 401 without a token', async () => {
    expect((await api('/users/me', { method: 'PATCH', body: { name: 'X' } })).status).toBe(401);
  });
});

describe('one user and another', () => {
  it('can never read or change another user’s profile', async () => {
    const alice = await registerCustomer('Alice');
    const bob = await registerCustomer('Bob');
    // Whatever Alice sends, she reaches only her own account.
    const attempts = [
      api<User>(`/users/me?id=${bob.id}`, { token: alice.accessToken }),
      api<User>('/users/me', {
        token: alice.accessToken,
        headers: { 'x-gomall-user-id': bob.id },
      }),
    ];
    for (const res of await Promise.all(attempts)) {
      expect(res.status).toBe(200);
      expect(res.body.id).toBe(alice.id);
    }
    expect((await api(`/users/${bob.id}`, { token: alice.accessToken })).status).toBe(404);
    const renamed = await patchMe(alice.accessToken, { name: 'Mallory' });
    expect(renamed.body.id).toBe(alice.id);
    expect((await me(bob.accessToken)).body.name).toBe('Bob');
    const smuggled = await patchMe(alice.accessToken, { name: 'X', id: bob.id });
    expect(smuggled.status).toBe(400);
  });
});

describe('DELETE /users/me', () => {
  it('deletes the account: its tokens fail at once and login fails afterwards', async () => {
    const customer = await registerCustomer();
    const second = await login(customer.email, customer.password);
    const res = await api('/users/me', { method: 'DELETE', token: customer.accessToken });
    expect(res.status).toBe(204);
    // Both logins' access tokens, without waiting for them to expire.
    expect((await me(customer.accessToken)).status).toBe(401);
    expect((await me(second.accessToken)).status).toBe(401);
    const refresh = await api('/auth/refresh', {
      body: { refreshToken: second.refreshToken },
      headers: { 'x-forwarded-for': randomClientIp() },
    });
    expect(refresh.status).toBe(401);
    await expect(login(customer.email, customer.password)).rejects.toThrow(/401/);
    const rows = await withSchema('user', async (db) => {
      const [result] = await db.query('SELECT id FROM users WHERE id = ?', [customer.id]);
      return result as unknown[];
    });
    expect(rows).toHaveLength(0);
  });

  it('empties the deleted user’s cart (user.deleted over pub/sub → cart)', async () => {
    const customer = await registerCustomer();
    const products = await api<{ items: Array<{ id: string }> }>('/products?pageSize=1');
    const productId = products.body.items[0]!.id;
    const added = await api('/cart/items', {
      token: customer.accessToken,
      body: { productId, quantity: 2 },
    });
    expect(added.status).toBe(200);
    expect((await api('/users/me', { method: 'DELETE', token: customer.accessToken })).status).toBe(
      204,
    );
    // The token is dead now, so the cart is read the way a service would: through Dapr as that user.
    await eventually(async () => {
      const cart = await viaSidecar<{ items: unknown[] }>(
        'gateway',
        '/v1.0/invoke/cart/method/cart',
        {
          headers: { 'x-gomall-user-id': customer.id },
        },
      );
      expect(cart.status).toBe(200);
      expect(cart.body.items).toEqual([]);
    }, 15_000);
  });

  it('answers 401 without a token', async () => {
    expect((await api('/users/me', { method: 'DELETE' })).status).toBe(401);
  });
});

describe('user events over Dapr pub/sub', () => {
  let redis: Redis;
  beforeAll(() => {
    redis = new Redis(itEnv('REDIS_URL'));
  });
  afterAll(() => redis.disconnect());

  /** The CloudEvents daprd wrote to the topic's Redis stream that carry this user id. */
  async function eventsFor(topic: string, userId: string): Promise<Array<Record<string, unknown>>> {
    const entries = await redis.xrange(topic, '-', '+');
    return entries
      .map(([, fields]) => {
        const data = fields[fields.indexOf('data') + 1];
        return JSON.parse(data ?? '{}') as Record<string, unknown>;
      })
      .filter((event) => JSON.stringify(event.data).includes(userId));
  }

  it('publishes user.registered and user.deleted as CloudEvents with { userId }', async () => {
    const customer = await registerCustomer();
    const [registered] = await eventually(async () => {
      const found = await eventsFor('user.registered', customer.id);
      expect(found).toHaveLength(1);
      return found;
    });
    expect(registered).toMatchObject({
      specversion: '1.0',
      topic: 'user.registered',
      source: 'user',
    });
    expect((registered!.data as { data: unknown }).data).toEqual({ userId: customer.id });

    await api('/users/me', { method: 'DELETE', token: customer.accessToken });
    const [deleted] = await eventually(async () => {
      const found = await eventsFor('user.deleted', customer.id);
      expect(found).toHaveLength(1);
      return found;
    });
    expect((deleted!.data as { data: unknown }).data).toEqual({ userId: customer.id });
  });

  it('writes each event to the outbox with the change and marks it published', async () => {
    const customer = await registerCustomer();
    await eventually(async () => {
      const rows = await withSchema('user', async (db) => {
        const [result] = await db.query(
          'SELECT topic, payload, published_at FROM outbox_events WHERE payload LIKE ?',
          [`%${customer.id}%`],
        );
        return result as Array<{ topic: string; payload: string; published_at: Date | null }>;
      });
      expect(rows).toHaveLength(1);
      expect(rows[0]!.topic).toBe('user.registered');
      expect(JSON.parse(rows[0]!.payload)).toEqual({ userId: customer.id });
      expect(rows[0]!.published_at).not.toBeNull();
    });
  });

  it('auth revokes the logins of a user deleted elsewhere, and a redelivery changes nothing', async () => {
    const customer = await registerCustomer();
    expect((await me(customer.accessToken)).status).toBe(200);
    // Published through a sidecar like the user service would, twice (at-least-once delivery).
    for (let i = 0; i < 2; i++) {
      const published = await publishAs('user', 'user.deleted', {
        occurredAt: new Date().toISOString(),
        data: { userId: customer.id },
      });
      expect(published.status).toBe(204);
    }
    await eventually(async () => {
      expect((await me(customer.accessToken)).status).toBe(401);
      // The token dies first (Redis), the sessions' rows follow (MariaDB).
      const sessions = await withSchema('auth', async (db) => {
        const [result] = await db.query('SELECT revoked_at FROM sessions WHERE user_id = ?', [
          customer.id,
        ]);
        return result as Array<{ revoked_at: Date | null }>;
      });
      expect(sessions.length).toBeGreaterThan(0);
      expect(sessions.every((s) => s.revoked_at !== null)).toBe(true);
    }, 10_000);
  });
});
