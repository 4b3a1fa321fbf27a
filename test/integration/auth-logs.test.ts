import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { login, randomClientIp, registerCustomer } from './support/auth';
import { withSchema } from './support/db';
import { itEnv } from './support/env';
import { eventually } from './support/eventually';
import { api } from './support/http';

// Generous: the whole mall shares two cores with parallel test files.
jest.setTimeout(60_000);

/**
 * A full register → login → refresh → profile → password change → logout flow, then every
 * service's log (and its sidecar's) is searched for the secrets that went through it.
 */
describe('secrets never reach the logs', () => {
  it('logs no password, token or hash during a whole identity flow', async () => {
    const customer = await registerCustomer('Logged Person');
    const newPassword = `new-${customer.password}`;
    const refreshed = await api<{ accessToken: string; refreshToken: string }>('/auth/refresh', {
      body: { refreshToken: customer.refreshToken },
      headers: { 'x-forwarded-for': randomClientIp() },
    });
    expect(refreshed.status).toBe(200);
    const token = refreshed.body.accessToken;
    expect((await api('/users/me', { token })).status).toBe(200);
    const changed = await api('/users/me', {
      method: 'PATCH',
      token,
      body: { password: newPassword, currentPassword: customer.password },
    });
    expect(changed.status).toBe(200);
    // A failed login and a malformed one, whose bodies an error path might be tempted to log.
    await api('/auth/login', {
      body: { email: customer.email, password: customer.password },
      headers: { 'x-forwarded-for': randomClientIp() },
    });
    await api('/auth/login', {
      body: { email: customer.email, password: customer.password, extra: true },
      headers: { 'x-forwarded-for': randomClientIp() },
    });
    const again = await login(customer.email, newPassword);
    expect(
      (
        await api('/auth/logout', {
          token: again.accessToken,
          body: { refreshToken: again.refreshToken },
        })
      ).status,
    ).toBe(204);

    const passwordHash = await withSchema('user', async (db) => {
      const [rows] = await db.query('SELECT password_hash FROM users WHERE id = ?', [customer.id]);
      return (rows as Array<{ password_hash: string }>)[0]!.password_hash;
    });
    const secrets = {
      password: customer.password,
      newPassword,
      passwordHash,
      accessToken: customer.accessToken,
      refreshToken: customer.refreshToken,
      refreshedAccessToken: token,
      refreshedRefreshToken: refreshed.body.refreshToken,
      lastAccessToken: again.accessToken,
      lastRefreshToken: again.refreshToken,
      // A token's signature alone would be as bad as the whole token.
      signature: token.split('.')[2]!,
    };

    const logDir = join(itEnv('DATA_DIR'), 'logs');
    const readLogs = () =>
      readdirSync(logDir)
        .filter((name) => /^(gateway|user|auth)(-daprd)?\.log$/.test(name))
        .map((name) => ({ name, text: readFileSync(join(logDir, name), 'utf8') }));
    // The flow's last request is in the gateway's access log before we search.
    await eventually(() => {
      const gateway = readLogs().find((log) => log.name === 'gateway.log')!;
      expect(gateway.text).toContain('/api/v1/auth/logout');
    });
    const logs = readLogs();
    expect(logs.map((log) => log.name)).toEqual(
      expect.arrayContaining(['gateway.log', 'user.log', 'auth.log']),
    );
    for (const log of logs) {
      for (const [what, secret] of Object.entries(secrets)) {
        if (log.text.includes(secret)) throw new Error(`${log.name} contains the ${what}`);
      }
    }
  });
});
