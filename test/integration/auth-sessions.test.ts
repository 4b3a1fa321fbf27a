import jwt from 'jsonwebtoken';
import { login, randomClientIp, registerCustomer, type TokenPair } from './support/auth';
import { withSchema } from './support/db';
import { eventually } from './support/eventually';
import { api, errorCode } from './support/http';

// Generous: the whole mall shares two cores with parallel test files.
jest.setTimeout(60_000);

/** Refresh rotation, reuse detection and logout, through gateway → auth → MariaDB/Redis. */
const headers = () => ({ 'x-forwarded-for': randomClientIp() });
const refresh = (refreshToken: string) =>
  api<TokenPair>('/auth/refresh', { body: { refreshToken }, headers: headers() });
const me = (token: string) => api('/users/me', { token });

describe('POST /auth/refresh', () => {
  it('answers a new pair and spends the old refresh token', async () => {
    const customer = await registerCustomer();
    const first = await refresh(customer.refreshToken);
    expect(first.status).toBe(200);
    expect(first.body.tokenType).toBe('Bearer');
    expect(first.body.refreshToken).not.toBe(customer.refreshToken);
    expect(first.body.accessToken).not.toBe(customer.accessToken);
    const claims = jwt.decode(first.body.accessToken) as { sub: string; sid: string };
    expect(claims.sub).toBe(customer.id);
    expect(claims.sid).toBe((jwt.decode(customer.accessToken) as { sid: string }).sid);
    expect((await me(first.body.accessToken)).status).toBe(200);
    // The new refresh token works in turn.
    expect((await refresh(first.body.refreshToken)).status).toBe(200);
  });

  it('stores refresh tokens hashed, never as issued', async () => {
    const customer = await registerCustomer();
    const rows = await withSchema('auth', async (db) => {
      const [result] = await db.query('SELECT token_hash FROM refresh_tokens');
      return result as Array<{ token_hash: string }>;
    });
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.some((r) => r.token_hash === customer.refreshToken)).toBe(false);
    expect(rows.every((r) => /^[0-9a-f]{64}$/.test(r.token_hash))).toBe(true);
  });

  it('revokes the whole login when a spent refresh token comes back (reuse detection)', async () => {
    const customer = await registerCustomer();
    const rotated = await refresh(customer.refreshToken);
    expect(rotated.status).toBe(200);
    // The old token is presented again (say, by a thief who copied it).
    const reuse = await refresh(customer.refreshToken);
    expect(reuse.status).toBe(401);
    expect(errorCode(reuse)).toBe('UNAUTHENTICATED');
    // Every token of that login is now dead: the newest refresh token and both access tokens.
    expect((await refresh(rotated.body.refreshToken)).status).toBe(401);
    expect((await me(rotated.body.accessToken)).status).toBe(401);
    expect((await me(customer.accessToken)).status).toBe(401);
    // Another login of the same user is untouched.
    const other = await login(customer.email, customer.password);
    expect((await me(other.accessToken)).status).toBe(200);
  });

  it('lets only one of two parallel refreshes with one token win, and treats the other as reuse', async () => {
    const customer = await registerCustomer();
    const answers = await Promise.all([
      refresh(customer.refreshToken),
      refresh(customer.refreshToken),
    ]);
    const statuses = answers.map((a) => a.status).sort();
    expect(statuses[1]).toBe(401);
    // Whichever won, the reuse revoked the login.
    for (const answer of answers.filter((a) => a.status === 200)) {
      expect((await refresh(answer.body.refreshToken)).status).toBe(401);
    }
  });

  it('works with a stale (here: broken) access token still in the Authorization header', async () => {
    const customer = await registerCustomer();
    const [header, payload] = customer.accessToken.split('.') as [string, string];
    // Not even a valid signature: the header is simply not read on /auth/refresh.
    const stale = `${header}.${payload}.c2lnbmF0dXJl`;
    const res = await api<TokenPair>('/auth/refresh', {
      token: stale,
      body: { refreshToken: customer.refreshToken },
      headers: headers(),
    });
    expect(res.status).toBe(200);
    expect((await me(stale)).status).toBe(401);
  });

  it('refuses an unknown refresh token and malformed bodies', async () => {
    expect((await refresh('not-a-token-we-issued')).status).toBe(401);
    for (const body of [
      {},
      { refreshToken: '' },
      { refreshToken: 5 },
      { refreshToken: 'x', extra: 1 },
    ]) {
      const res = await api('/auth/refresh', { body, headers: headers() });
      expect(res.status).toBe(400);
    }
  });
});

describe('expired refresh tokens', () => {
  it('are refused, then purged with the login they leave empty', async () => {
    const customer = await registerCustomer();
    const { sid } = jwt.decode(customer.accessToken) as { sid: string };
    await withSchema('auth', (db) =>
      db.execute(
        `UPDATE refresh_tokens SET expires_at = NOW(3) - INTERVAL 1 SECOND WHERE session_id = ?`,
        [sid],
      ),
    );
    expect((await refresh(customer.refreshToken)).status).toBe(401);
    // Old enough for the purge to take the empty login too.
    await withSchema('auth', (db) =>
      db.execute(`UPDATE sessions SET created_at = NOW(3) - INTERVAL 2 HOUR WHERE id = ?`, [sid]),
    );
    await eventually(async () => {
      const [tokens, sessions] = await withSchema('auth', async (db) => [
        (await db.query('SELECT 1 FROM refresh_tokens WHERE session_id = ?', [sid]))[0],
        (await db.query('SELECT 1 FROM sessions WHERE id = ?', [sid]))[0],
      ]);
      expect(tokens).toEqual([]);
      expect(sessions).toEqual([]);
    }, 10_000);
  });
});

describe('POST /auth/logout', () => {
  it('stops the access token and the refresh token at once', async () => {
    const customer = await registerCustomer();
    expect((await me(customer.accessToken)).status).toBe(200);
    const out = await api('/auth/logout', {
      token: customer.accessToken,
      body: { refreshToken: customer.refreshToken },
    });
    expect(out.status).toBe(204);
    expect((await me(customer.accessToken)).status).toBe(401);
    expect((await refresh(customer.refreshToken)).status).toBe(401);
  });

  it('works without a body, and leaves the user’s other logins alone', async () => {
    const customer = await registerCustomer();
    const second = await login(customer.email, customer.password);
    const out = await api('/auth/logout', { method: 'POST', token: customer.accessToken });
    expect(out.status).toBe(204);
    expect((await me(customer.accessToken)).status).toBe(401);
    expect((await refresh(customer.refreshToken)).status).toBe(401);
    expect((await me(second.accessToken)).status).toBe(200);
  });

  it('does not end another user’s login with their refresh token', async () => {
    const alice = await registerCustomer();
    const bob = await registerCustomer();
    const out = await api('/auth/logout', {
      token: alice.accessToken,
      body: { refreshToken: bob.refreshToken },
    });
    expect(out.status).toBe(204);
    expect((await me(bob.accessToken)).status).toBe(200);
    expect((await refresh(bob.refreshToken)).status).toBe(200);
  });

  it('needs a valid access token', async () => {
    const res = await api('/auth/logout', { method: 'POST' });
    expect(res.status).toBe(401);
    expect(errorCode(res)).toBe('UNAUTHENTICATED');
  });
});
