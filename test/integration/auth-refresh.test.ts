import jwt from 'jsonwebtoken';
import { randomClientIp, registerCustomer } from './support/auth';
import { withSchema } from './support/db';
import { api } from './support/http';

/**
 * A refresh re-reads the user (roles, existence) from the user service, and no login outlives its
 * absolute lifetime (SESSION_MAX_AGE_SEC), however often it is refreshed.
 */
const refresh = (refreshToken: string) =>
  api<{ accessToken: string; refreshToken: string }>('/auth/refresh', {
    body: { refreshToken },
    headers: { 'x-forwarded-for': randomClientIp() },
  });
const rolesOf = (accessToken: string) => (jwt.decode(accessToken) as { roles: string[] }).roles;

describe('refresh', () => {
  it('takes the user’s current roles: a demoted user loses them at the next refresh', async () => {
    const customer = await registerCustomer();
    const setRoles = (roles: string) =>
      withSchema('user', (db) =>
        db.query('UPDATE users SET roles = ? WHERE id = ?', [roles, customer.id]),
      );
    await setRoles('customer,admin');
    const promoted = await refresh(customer.refreshToken);
    expect(promoted.status).toBe(200);
    expect(rolesOf(promoted.body.accessToken)).toEqual(['customer', 'admin']);
    await setRoles('customer');
    const demoted = await refresh(promoted.body.refreshToken);
    expect(demoted.status).toBe(200);
    expect(rolesOf(demoted.body.accessToken)).toEqual(['customer']);
  });

  it('refuses (and ends) the login of a user the user service no longer has', async () => {
    const customer = await registerCustomer();
    await withSchema('user', (db) => db.query('DELETE FROM users WHERE id = ?', [customer.id]));
    expect((await refresh(customer.refreshToken)).status).toBe(401);
  });

  it('refuses a refresh past the login’s absolute lifetime', async () => {
    const customer = await registerCustomer();
    await withSchema('auth', (db) =>
      db.query('UPDATE sessions SET created_at = NOW(3) - INTERVAL 31 DAY WHERE user_id = ?', [
        customer.id,
      ]),
    );
    expect((await refresh(customer.refreshToken)).status).toBe(401);
  });
});
