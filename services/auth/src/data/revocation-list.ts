import { revocationKeys } from '@gomall/contracts';
import type { Redis } from 'ioredis';

/**
 * Access tokens that must stop working before they expire, in Redis. The gateway reads these keys
 * on every authenticated request (one MGET), so it talks to Redis directly rather than through a
 * Dapr state-store call: the check stays one cheap round trip, and the keys need no app-id prefix
 * to be shared between the writer (auth) and the reader (gateway). Every entry expires on its own
 * once no token it covers can still be valid (TTL = the longest remaining access-token lifetime).
 *
 * The keys are the contracts' `revocationKeys` (the gateway's auth/revocation-check.ts reads the
 * same). A roles entry counts from the user's next request, not from their next refresh; tokens
 * issued later carry the same roles, and once the entry expires no token from before it is valid.
 */

export class RevocationList {
  constructor(
    private readonly redis: Redis,
    /** The access-token lifetime: no token outlives an entry written now. */
    private readonly ttlSec: number,
  ) {}

  async revokeSession(sessionId: string): Promise<void> {
    await this.redis.set(
      revocationKeys.session(sessionId),
      '1',
      'EX',
      this.ttlSec + CLOCK_SKEW_SEC,
    );
  }

  async revokeUser(userId: string, at = new Date()): Promise<void> {
    const seconds = Math.floor(at.getTime() / 1000);
    await this.redis.set(
      revocationKeys.user(userId),
      String(seconds),
      'EX',
      this.ttlSec + CLOCK_SKEW_SEC,
    );
  }

  /** The second up to which every token of the user is revoked, if an entry is still there. */
  async userRevokedAt(userId: string): Promise<number | undefined> {
    const value = await this.redis.get(revocationKeys.user(userId));
    return value === null ? undefined : Number(value);
  }

  async setCurrentRoles(userId: string, roles: readonly string[]): Promise<void> {
    await this.redis.set(
      revocationKeys.roles(userId),
      roles.join(','),
      'EX',
      this.ttlSec + CLOCK_SKEW_SEC,
    );
  }
}

/**
 * A margin on top of the token lifetime, well above the gateway's clock tolerance (5 s past exp,
 * token-verifier.ts), so an entry outlives every token it covers even on a skewed clock.
 */
const CLOCK_SKEW_SEC = 30;
