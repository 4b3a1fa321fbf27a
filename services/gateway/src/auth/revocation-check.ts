import { revocationKeys, type AccessClaims } from '@gomall/contracts';
import { unauthenticated, unavailable } from '@gomall/kit';
import type { Redis } from 'ioredis';

/**
 * Reads the revocation list the auth service writes (services/auth/src/data/revocation-list.ts;
 * the keys are the contracts' `revocationKeys`): one MGET per authenticated request, which also
 * brings the user's current roles when an admin changed them since the token was issued. Straight
 * to Redis rather than through a Dapr state-store call, because this is on every request's hot
 * path and the keys are shared between two apps (Dapr would prefix them per app id).
 */

const MAX_ROLES = 16;

export class RevocationCheck {
  constructor(private readonly redis: Redis) {}

  /**
   * The roles the request acts with: the user's current ones when an admin changed them (the
   * token's claim may be stale), else the claim. 401 when the token's login or its user was
   * revoked; 503 when the list cannot be read.
   */
  async activeRoles(claims: AccessClaims): Promise<string[]> {
    let entries: Array<string | null>;
    try {
      entries = await this.redis.mget(
        revocationKeys.session(claims.sid),
        revocationKeys.user(claims.sub),
        revocationKeys.roles(claims.sub),
      );
    } catch {
      // Fail closed: an unreadable list must not let a logged-out token back in.
      throw unavailable('Cannot check the token right now');
    }
    const [sessionRevoked, userRevokedAt, currentRoles] = entries;
    if (sessionRevoked != null) throw unauthenticated('Access token was revoked');
    // A user entry covers every token issued up to that second (iat has second precision).
    if (userRevokedAt != null && claims.iat <= Number(userRevokedAt)) {
      throw unauthenticated('Access token was revoked');
    }
    if (currentRoles == null) return claims.roles;
    return currentRoles.split(',').filter(Boolean).slice(0, MAX_ROLES);
  }
}
