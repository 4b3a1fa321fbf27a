import { z } from 'zod';

/**
 * What the gateway asks the auth service besides a login and a refresh (which take the public
 * `loginBodySchema` and `refreshBodySchema`): the login to end is named by its session id, which
 * only the gateway knows (from the verified token).
 */
const sessionId = z.string().min(1).max(64);

/** `POST /logout`: that login ends, and its refresh token with it when given. */
export const sessionLogoutBodySchema = z.strictObject({
  sessionId,
  refreshToken: z.string().min(1).max(512).optional(),
});

/** `POST /logout-others`: every login of the caller but this one ends (after a password change). */
export const logoutOthersBodySchema = z.strictObject({ sessionId });

/** `PUT /admin/users/:id/roles`: the roles the user's tokens count with from now on. */
export const currentRolesBodySchema = z.strictObject({
  roles: z.array(z.string().regex(/^[a-z][a-z0-9-]{0,31}$/)).max(16),
});
