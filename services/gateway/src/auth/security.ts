import { type Logger, redisTimeouts, refuseInProduction, usesDevSigningKey } from '@gomall/kit';
import { Redis } from 'ioredis';
import type { Middleware } from 'koa';
import type { SecurityConfig } from './auth-config';
import { authenticate } from './authenticate';
import { LoginThrottle } from './login-throttle';
import { rateLimits } from './rate-limits';
import { RevocationCheck } from './revocation-check';
import { TokenVerifier } from './token-verifier';

export interface GatewaySecurity {
  /** Installed before routing: authentication, then rate limits. */
  middleware: Middleware[];
  loginThrottle: LoginThrottle;
  /** Readiness: the revocation list and the shared counters are reachable. */
  ready: () => Promise<void>;
  close: () => void;
}

export function createSecurity(config: SecurityConfig, logger: Logger): GatewaySecurity {
  // Anyone can read the dev key in this repository: tokens signed with it must not open production.
  refuseInProduction(config, [
    [usesDevSigningKey(config.JWT_KEYS), 'JWT_KEYS holds the development key'],
  ]);
  // No offline queue: while Redis is away, a command fails at once (the revocation check answers
  // 503, the limiters fall back to in-process counters) instead of hanging the request; a hung
  // Redis fails a command after REDIS_COMMAND_TIMEOUT_MS the same way.
  const redis = new Redis(config.REDIS_URL, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    // The commands of concurrent requests (revocation MGETs, rate-limit syncs) leave in one write
    // per event-loop turn instead of one each.
    enableAutoPipelining: true,
    ...redisTimeouts(config),
  });
  redis.on('error', (error) => logger.warn({ err: error }, 'redis connection error'));
  const verifier = new TokenVerifier({
    keys: config.JWT_KEYS,
    issuer: config.JWT_ISSUER,
    audience: config.JWT_AUDIENCE,
  });
  const limits = rateLimits(redis, config);
  return {
    middleware: [authenticate(verifier, new RevocationCheck(redis)), limits.middleware],
    loginThrottle: new LoginThrottle(redis, config),
    ready: async () => {
      await redis.ping();
    },
    close: () => {
      limits.close();
      redis.disconnect();
    },
  };
}
