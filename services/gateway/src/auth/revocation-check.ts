import { unauthenticated, unavailable } from '@gomall/kit';
import type { Redis } from 'ioredis';
import type { AccessClaims } from './token-verifier';

/**
 * Reads the revocation list the auth service writes (services/auth/src/data/revocation-list.ts,
 * same keys): one MGET per authenticated request. Straight to Redis rather than through a Dapr
 * state-store call, because this is on every request's hot path and the keys are shared between
 * two apps (Dapr would prefix them per app id).
 */
export const revokedSessionKey = (sessionId: string) => `gomall:revoked:sid:${sessionId}`;
export const revokedUserKey = (userId: string) => `gomall:revoked:user:${userId}`;

export class RevocationCheck {
  constructor(private readonly redis: Redis) {}

  /** 401 when the token's login or its user was revoked; 503 when the list cannot be read. */
  async assertActive(claims: AccessClaims): Promise<void> {
    let entries: Array<string | null>;
    try {
      entries = await this.redis.mget(revokedSessionKey(claims.sid), revokedUserKey(claims.sub));
    } catch {
      // Fail closed: an unreadable list must not let a logged-out token back in.
      throw unavailable('Cannot check the token right now');
    }
    const [sessionRevoked, userRevokedAt] = entries;
    if (sessionRevoked != null) throw unauthenticated('Access token was revoked');
    // A user entry covers every token issued up to that second (iat has second precision).
    if (userRevokedAt != null && claims.iat <= Number(userRevokedAt)) {
      throw unauthenticated('Access token was revoked');
    }
  }
}
