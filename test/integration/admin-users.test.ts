import { randomUUID } from 'node:crypto';
import {
  adminToken,
  login,
  randomClientIp,
  registerCustomer,
  TEST_ADMIN,
  type TestCustomer,
} from './support/auth';
import { api, errorCode } from './support/http';
import { invoke } from './support/invoke';

// Admin tools on users through the gateway: search, ban (every session ends at once, login refused
// with ACCOUNT_BANNED), unban, role changes that count from the user's next request, and the admin
// audit log that records each of them. Role checks and bad input included.
jest.setTimeout(120_000);

interface AdminUser {
  id: string;
  email: string;
  name: string;
  roles: string[];
  banned: boolean;
  banReason: string | null;
  bannedBy: string | null;
}
interface Page<T> {
  items: T[];
  page: number;
  pageSize: number;
  total: number;
}
interface AuditEntry {
  id: string;
  at: string;
  actorId: string;
  actorEmail: string | null;
  action: string;
  targetType: string;
  targetId: string;
  details: Record<string, unknown>;
}

/** A login from an address of its own (the per-IP auth budget is shared by parallel files). */
const tryLogin = (email: string, password: string) =>
  api<{ accessToken: string }>('/auth/login', {
    body: { email, password },
    headers: { 'x-forwarded-for': randomClientIp() },
  });

const rolesClaim = (token: string): string[] =>
  (JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as { roles: string[] })
    .roles;

describe('admin users: search, ban, roles, audit log', () => {
  // A tag only this run's users carry in their names, so searches see no other file's users.
  const tag = `tag${randomUUID().slice(0, 8)}`;
  const started = new Date(Date.now() - 1000).toISOString();
  let admin: string;
  let adminId: string;
  let alice: TestCustomer;
  let bob: TestCustomer;

  beforeAll(async () => {
    admin = await adminToken();
    adminId = (await api<{ id: string }>('/users/me', { token: admin })).body.id;
    [alice, bob] = await Promise.all([
      registerCustomer(`Alice ${tag}`),
      registerCustomer(`Bob ${tag}`),
    ]);
  });

  const search = (query: string, token = admin) =>
    api<Page<AdminUser>>(`/admin/users?${query}`, { token });
  const auditOf = async (targetId: string) => {
    const res = await api<Page<AuditEntry>>(`/admin/audit-log?targetId=${targetId}&pageSize=100`, {
      token: admin,
    });
    expect(res.status).toBe(200);
    return res.body.items;
  };

  it('finds users by a part of the name or email, by role, page by page', async () => {
    const byName = await search(`q=${tag}&pageSize=100`);
    expect(byName.status).toBe(200);
    expect(byName.body.total).toBe(2);
    expect(byName.body.items.map((u) => u.id).sort()).toEqual([alice.id, bob.id].sort());
    expect(byName.body.items[0]).not.toHaveProperty('passwordHash');

    const byEmail = await search(`q=${encodeURIComponent(alice.email.slice(0, 20).toUpperCase())}`);
    expect(byEmail.body.items.map((u) => u.id)).toEqual([alice.id]);

    const first = await search(`q=${tag}&page=1&pageSize=1`);
    const second = await search(`q=${tag}&page=2&pageSize=1`);
    expect(first.body).toMatchObject({ page: 1, pageSize: 1, total: 2 });
    expect(second.body.items).toHaveLength(1);
    expect(second.body.items[0]!.id).not.toBe(first.body.items[0]!.id);

    const admins = await search('role=admin&pageSize=100');
    expect(admins.body.items.map((u) => u.email)).toContain(TEST_ADMIN.email);
    expect(admins.body.items.every((u) => u.roles.includes('admin'))).toBe(true);
    // `%` and `_` are literal characters, not wildcards.
    expect((await search('q=%25')).body.total).toBe(0);

    const one = await api<AdminUser>(`/admin/users/${alice.id}`, { token: admin });
    expect(one.status).toBe(200);
    expect(one.body).toMatchObject({ id: alice.id, email: alice.email, banned: false });
  });

  it('keeps every admin user route to admins (401 without a token, 403 for a customer)', async () => {
    const routes = [
      ['GET', '/admin/users'],
      ['GET', `/admin/users/${bob.id}`],
      ['POST', `/admin/users/${bob.id}/ban`, { reason: 'x' }],
      ['POST', `/admin/users/${bob.id}/unban`],
      ['PUT', `/admin/users/${alice.id}/roles`, { roles: ['customer', 'admin'] }],
      ['GET', '/admin/audit-log'],
    ] as const;
    for (const [method, path, body] of routes) {
      const anonymous = await api(path, { method, body });
      expect({ path, status: anonymous.status }).toEqual({ path, status: 401 });
      const customer = await api(path, { method, body, token: alice.accessToken });
      expect({ path, status: customer.status }).toEqual({ path, status: 403 });
      expect(errorCode(customer)).toBe('FORBIDDEN');
    }
    // Zero trust inside: the services check the role too, whatever reaches them.
    const customer = { userId: alice.id, roles: ['customer'] };
    for (const [app, method, path, body] of [
      ['user', 'GET', '/admin/users', undefined],
      ['user', 'POST', `/admin/users/${bob.id}/ban`, { reason: 'x' }],
      ['user', 'PUT', `/admin/users/${alice.id}/roles`, { roles: ['admin'] }],
      [
        'user',
        'POST',
        '/admin/audit-log',
        { action: 'saga.retried', targetType: 'saga', targetId: 'x' },
      ],
      ['auth', 'POST', `/admin/users/${bob.id}/revoke`, undefined],
      ['auth', 'PUT', `/admin/users/${alice.id}/roles`, { roles: ['admin'] }],
    ] as const) {
      const res = await invoke(app, path, { method, body, as: customer });
      expect({ app, path, status: res.status }).toEqual({ app, path, status: 403 });
    }
    // A customer's own try to become admin changed nothing.
    expect((await api<AdminUser>(`/admin/users/${alice.id}`, { token: admin })).body.roles).toEqual(
      ['customer'],
    );
  });

  it('answers bad input with a 4xx envelope, never a 500', async () => {
    const cases: Array<[string, { method?: string; body?: unknown; rawBody?: string }, number]> = [
      ['/admin/users?pageSize=0', {}, 400],
      ['/admin/users?pageSize=101', {}, 400],
      ['/admin/users?page=-1', {}, 400],
      ['/admin/users?role=root', {}, 400],
      ['/admin/users?banned=maybe', {}, 400],
      ['/admin/users?sort=name', {}, 400],
      [`/admin/users?q=${'x'.repeat(101)}`, {}, 400],
      ['/admin/users/no%20such', {}, 400],
      [`/admin/users/${randomUUID()}`, {}, 404],
      [`/admin/users/${alice.id}/ban`, { method: 'POST', body: {} }, 400],
      [`/admin/users/${alice.id}/ban`, { method: 'POST', body: { reason: ' ' } }, 400],
      [`/admin/users/${alice.id}/ban`, { method: 'POST', body: { reason: 'x', extra: 1 } }, 400],
      [`/admin/users/${alice.id}/ban`, { method: 'POST', rawBody: '{"reason":' }, 400],
      [`/admin/users/${randomUUID()}/ban`, { method: 'POST', body: { reason: 'spam' } }, 404],
      [`/admin/users/${randomUUID()}/unban`, { method: 'POST' }, 404],
      [`/admin/users/${alice.id}/roles`, { method: 'PUT', body: { roles: ['root'] } }, 400],
      [`/admin/users/${alice.id}/roles`, { method: 'PUT', body: { roles: [] } }, 400],
      [`/admin/users/${alice.id}/roles`, { method: 'PUT', body: { roles: 'admin' } }, 400],
      [`/admin/users/${randomUUID()}/roles`, { method: 'PUT', body: { roles: ['admin'] } }, 404],
      ['/admin/audit-log?action=user.deleted', {}, 400],
      ['/admin/audit-log?from=yesterday', {}, 400],
      ['/admin/audit-log?pageSize=1000', {}, 400],
    ];
    for (const [path, options, status] of cases) {
      const res = await api(path, { ...options, token: admin });
      expect({ path, body: options.body, status: res.status }).toEqual({
        path,
        body: options.body,
        status,
      });
      errorCode(res);
    }
    // Only the user service writes user actions into the log; others may report only theirs.
    const forged = await invoke('user', '/admin/audit-log', {
      method: 'POST',
      body: { action: 'user.banned', targetType: 'user', targetId: alice.id },
      as: { userId: adminId, roles: ['customer', 'admin'] },
    });
    expect(forged.status).toBe(400);
    // An admin cannot ban themselves.
    const self = await api(`/admin/users/${adminId}/ban`, {
      method: 'POST',
      body: { reason: 'oops' },
      token: admin,
    });
    expect(self.status).toBe(409);
    expect(errorCode(self)).toBe('CONFLICT');
  });

  it('ends every session of a banned user at once and refuses their login with ACCOUNT_BANNED', async () => {
    const secondLogin = await login(bob.email, bob.password);
    expect((await api('/users/me', { token: bob.accessToken })).status).toBe(200);

    const banned = await api<AdminUser>(`/admin/users/${bob.id}/ban`, {
      method: 'POST',
      body: { reason: 'chargeback fraud' },
      token: admin,
    });
    expect(banned.status).toBe(200);
    expect(banned.body).toMatchObject({
      id: bob.id,
      banned: true,
      banReason: 'chargeback fraud',
      bannedBy: adminId,
    });

    // Tokens issued before the ban stop working at the very next request, from every login.
    for (const token of [bob.accessToken, secondLogin.accessToken]) {
      const res = await api('/cart', { token });
      expect(res.status).toBe(401);
      expect(errorCode(res)).toBe('UNAUTHENTICATED');
    }
    for (const refreshToken of [bob.refreshToken, secondLogin.refreshToken]) {
      const res = await api('/auth/refresh', {
        body: { refreshToken },
        headers: { 'x-forwarded-for': randomClientIp() },
      });
      expect(res.status).toBe(401);
    }
    const refused = await tryLogin(bob.email, bob.password);
    expect(refused.status).toBe(403);
    expect(errorCode(refused)).toBe('ACCOUNT_BANNED');
    expect(refused.text).toMatch(/banned/i);
    // A wrong password is still the plain 401: the ban is told only to whoever knows the password.
    expect((await tryLogin(bob.email, 'not-the-password')).status).toBe(401);

    // Banning again is idempotent: same answer, no second audit entry.
    const again = await api<AdminUser>(`/admin/users/${bob.id}/ban`, {
      method: 'POST',
      body: { reason: 'a second reason' },
      token: admin,
    });
    expect(again.status).toBe(200);
    expect(again.body.banReason).toBe('chargeback fraud');
    expect((await search(`q=${tag}&banned=true`)).body.items.map((u) => u.id)).toEqual([bob.id]);
    expect((await search(`q=${tag}&banned=false`)).body.items.map((u) => u.id)).toEqual([alice.id]);
  });

  it('lets an unbanned user sign in again', async () => {
    const unbanned = await api<AdminUser>(`/admin/users/${bob.id}/unban`, {
      method: 'POST',
      token: admin,
    });
    expect(unbanned.status).toBe(200);
    expect(unbanned.body).toMatchObject({ banned: false, banReason: null });
    const res = await tryLogin(bob.email, bob.password);
    expect(res.status).toBe(200);
    expect((await api('/users/me', { token: res.body.accessToken })).status).toBe(200);
    // Unbanning again changes nothing.
    expect(
      (await api(`/admin/users/${bob.id}/unban`, { method: 'POST', token: admin })).status,
    ).toBe(200);
  });

  it("changes roles from the user's next request, without waiting for the token to expire", async () => {
    const token = alice.accessToken;
    expect((await api('/admin/users', { token })).status).toBe(403);

    const promoted = await api<AdminUser>(`/admin/users/${alice.id}/roles`, {
      method: 'PUT',
      body: { roles: ['admin', 'customer', 'admin'] },
      token: admin,
    });
    expect(promoted.status).toBe(200);
    expect(promoted.body.roles).toEqual(['customer', 'admin']);
    // The same token, still claiming only `customer`, now acts as an admin…
    expect(rolesClaim(token)).toEqual(['customer']);
    expect((await api('/admin/users', { token })).status).toBe(200);
    expect((await api<{ roles: string[] }>('/users/me', { token })).body.roles).toEqual([
      'customer',
      'admin',
    ]);

    const demoted = await api<AdminUser>(`/admin/users/${alice.id}/roles`, {
      method: 'PUT',
      body: { roles: ['customer'] },
      token: admin,
    });
    expect(demoted.status).toBe(200);
    // …and after the demotion not any more, though a refreshed token would be the proof too.
    expect((await api('/admin/users', { token })).status).toBe(403);
    const refreshed = await api<{ accessToken: string }>('/auth/refresh', {
      body: { refreshToken: alice.refreshToken },
      headers: { 'x-forwarded-for': randomClientIp() },
    });
    expect(refreshed.status).toBe(200);
    expect(rolesClaim(refreshed.body.accessToken)).toEqual(['customer']);
    expect((await api('/admin/users', { token: refreshed.body.accessToken })).status).toBe(403);
  });

  it('records who did what to whom and when in the audit log, readable by admins page by page', async () => {
    const bobs = await auditOf(bob.id);
    expect(bobs.map((e) => e.action)).toEqual(['user.unbanned', 'user.banned']);
    for (const entry of bobs) {
      expect(entry).toMatchObject({
        actorId: adminId,
        actorEmail: TEST_ADMIN.email,
        targetType: 'user',
        targetId: bob.id,
      });
      expect(Date.parse(entry.at)).toBeGreaterThanOrEqual(Date.parse(started));
      expect(Date.parse(entry.at)).toBeLessThanOrEqual(Date.now() + 5000);
    }
    expect(bobs[1]!.details).toMatchObject({ email: bob.email, reason: 'chargeback fraud' });

    const alices = await auditOf(alice.id);
    expect(alices.map((e) => [e.action, e.details.before, e.details.after])).toEqual([
      ['user.roles_changed', ['customer', 'admin'], ['customer']],
      ['user.roles_changed', ['customer'], ['customer', 'admin']],
    ]);

    const bans = await api<Page<AuditEntry>>(
      `/admin/audit-log?action=user.banned&actorId=${adminId}&from=${encodeURIComponent(started)}&pageSize=1`,
      { token: admin },
    );
    expect(bans.status).toBe(200);
    expect(bans.body.pageSize).toBe(1);
    expect(bans.body.items).toHaveLength(1);
    expect(bans.body.items[0]!.action).toBe('user.banned');
    expect(bans.body.total).toBeGreaterThanOrEqual(1);
  });
});
