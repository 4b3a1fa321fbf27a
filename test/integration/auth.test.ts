import { randomUUID } from 'node:crypto';
import { adminToken, login, randomClientIp, registerCustomer, TEST_ADMIN } from './support/auth';
import { api, errorCode } from './support/http';

// Generous: the whole mall shares two cores with parallel test files.
jest.setTimeout(60_000);

interface User {
  id: string;
  email: string;
  name: string;
  roles: string[];
  createdAt: string;
}

const fromIp = (ip = randomClientIp()) => ({ 'x-forwarded-for': ip });
const freshEmail = () => `reg-${randomUUID()}@gomall.test`;

describe('POST /auth/register', () => {
  it('creates a customer with a normalised email and never returns the password', async () => {
    const email = freshEmail();
    const res = await api<{ user: User }>('/auth/register', {
      body: { email: `  ${email.toUpperCase()} `, password: 'long-enough-1', name: 'Ada' },
      headers: fromIp(),
    });
    expect(res.status).toBe(201);
    expect(Object.keys(res.body.user).sort()).toEqual([
      'createdAt',
      'email',
      'id',
      'name',
      'roles',
    ]);
    expect(res.body.user).toMatchObject({ email, name: 'Ada', roles: ['customer'] });
    expect(new Date(res.body.user.createdAt).toString()).not.toBe('Invalid Date');
    expect(res.text).not.toContain('long-enough-1');
  });

  it('answers 409 for an email that is taken, in any case or spacing', async () => {
    const email = freshEmail();
    const body = { email, password: 'long-enough-1', name: 'First' };
    expect((await api('/auth/register', { body, headers: fromIp() })).status).toBe(201);
    const again = await api('/auth/register', {
      body: { ...body, email: ` ${email.toUpperCase()}` },
      headers: fromIp(),
    });
    expect(again.status).toBe(409);
    expect(errorCode(again)).toBe('CONFLICT');
  });

  it('lets exactly one of two parallel registrations of one email win', async () => {
    const body = { email: freshEmail(), password: 'long-enough-1', name: 'Racer' };
    const answers = await Promise.all([
      api('/auth/register', { body, headers: fromIp() }),
      api('/auth/register', { body, headers: fromIp() }),
    ]);
    expect(answers.map((a) => a.status).sort()).toEqual([201, 409]);
  });

  it.each([
    ['a short password', { email: 'x@gomall.test', password: 'short', name: 'X' }],
    ['a password over 72 bytes', { email: 'x@gomall.test', password: 'é'.repeat(37), name: 'X' }],
    ['a bad email', { email: 'not-an-email', password: 'long-enough-1', name: 'X' }],
    ['an empty name', { email: 'x@gomall.test', password: 'long-enough-1', name: '  ' }],
    ['a missing field', { email: 'x@gomall.test', password: 'long-enough-1' }],
    [
      'an unknown field',
      { email: 'x@gomall.test', password: 'long-enough-1', name: 'X', roles: ['admin'] },
    ],
    ['a wrong type', { email: 'x@gomall.test', password: 12345678, name: 'X' }],
  ])('refuses %s with 400', async (_case, body) => {
    const res = await api('/auth/register', { body, headers: fromIp() });
    expect(res.status).toBe(400);
    expect(errorCode(res)).toBe('VALIDATION_FAILED');
  });

  it('refuses malformed JSON with 400', async () => {
    const res = await api('/auth/register', { rawBody: '{"email": ', headers: fromIp() });
    expect(res.status).toBe(400);
    expect(errorCode(res)).toBe('VALIDATION_FAILED');
  });
});

describe('POST /auth/login', () => {
  it('answers a token pair for the right password', async () => {
    const customer = await registerCustomer();
    const pair = await login(customer.email, customer.password);
    expect(pair.tokenType).toBe('Bearer');
    expect(pair.expiresIn).toBe(900);
    expect(pair.accessToken.split('.')).toHaveLength(3);
    expect(pair.refreshToken.length).toBeGreaterThanOrEqual(40);
    const me = await api<User>('/users/me', { token: pair.accessToken });
    expect(me.status).toBe(200);
    expect(me.body.id).toBe(customer.id);
  });

  it('accepts the email in another case and with spaces', async () => {
    const customer = await registerCustomer();
    const pair = await login(` ${customer.email.toUpperCase()} `, customer.password);
    expect(pair.accessToken).toBeTruthy();
  });

  it('answers the same 401 for an unknown email and a wrong password', async () => {
    const customer = await registerCustomer();
    const wrong = await api('/auth/login', {
      body: { email: customer.email, password: 'not-the-password' },
      headers: fromIp(),
    });
    const unknown = await api('/auth/login', {
      body: { email: freshEmail(), password: 'not-the-password' },
      headers: fromIp(),
    });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body).toEqual(unknown.body);
    expect(errorCode(wrong)).toBe('UNAUTHENTICATED');
  });

  it('takes about as long for an unknown email as for a wrong password', async () => {
    const customer = await registerCustomer();
    const timeFailedLogin = async (email: string): Promise<number> => {
      const started = performance.now();
      const res = await api('/auth/login', {
        body: { email, password: 'not-the-password' },
        headers: fromIp(),
      });
      expect(res.status).toBe(401);
      return performance.now() - started;
    };
    const wrong: number[] = [];
    const unknown: number[] = [];
    // Interleaved, and fewer than the failed-login limit for the one email.
    for (let i = 0; i < 4; i++) {
      wrong.push(await timeFailedLogin(customer.email));
      unknown.push(await timeFailedLogin(freshEmail()));
    }
    const median = (values: number[]) => values.sort((a, b) => a - b)[values.length >> 1]!;
    // Without the dummy bcrypt compare an unknown email would answer in a few ms against ~70 ms.
    expect(median(unknown)).toBeGreaterThan(median(wrong) * 0.5);
    expect(median(unknown)).toBeLessThan(median(wrong) * 2);
  });

  it('gives the configured admin the admin role', async () => {
    const token = await adminToken();
    const me = await api<User>('/users/me', { token });
    expect(me.status).toBe(200);
    expect(me.body.email).toBe(TEST_ADMIN.email);
    expect(me.body.roles).toContain('admin');
  });

  it('refuses malformed bodies with 400', async () => {
    for (const body of [{}, { email: 'a@b.c' }, { email: 'a@b.c', password: 'x', extra: 1 }]) {
      const res = await api('/auth/login', { body, headers: fromIp() });
      expect(res.status).toBe(400);
    }
  });
});
