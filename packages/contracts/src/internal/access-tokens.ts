import { z } from 'zod';

/**
 * What the auth service (writer) and the gateway (reader) share about access tokens: how they are
 * signed, what they claim, and the Redis keys of the revocation list.
 */

/** Pinned on both sides: a token with any other `alg` (`none`, RS256 with a public key as secret…) is refused. */
export const ACCESS_TOKEN_ALGORITHM = 'HS256';

/** The claims of an access token: sub (user id), sid (the login), jti, roles, iat, exp. */
export const accessClaimsSchema = z.object({
  sub: z.string().min(1).max(64),
  sid: z.string().min(1).max(64),
  jti: z.string().min(1).max(64),
  roles: z.array(z.string().min(1).max(32)).max(16),
  iat: z.number().int(),
  exp: z.number().int(),
});
export type AccessClaims = z.infer<typeof accessClaimsSchema>;

/**
 * The revocation list in Redis, written by the auth service and read by the gateway on every
 * authenticated request (one MGET), straight rather than through a Dapr state store, so the keys
 * need no app-id prefix to be shared:
 * - `session`: every access token of that login (logout, refresh reuse)
 * - `user` = epoch seconds: every token of the user issued up to then (account deletion, a ban)
 * - `roles` = the user's current roles, comma-separated: written after an admin changed them; they
 *   count instead of the `roles` claim of any token of the user.
 */
export const revocationKeys = {
  session: (sessionId: string) => `gomall:revoked:sid:${sessionId}`,
  user: (userId: string) => `gomall:revoked:user:${userId}`,
  roles: (userId: string) => `gomall:roles:user:${userId}`,
};
