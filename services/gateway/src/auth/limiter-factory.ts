import { AppError } from '@gomall/kit';
import type { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';

/**
 * A limiter whose counters live in Redis, so every gateway replica shares them. If Redis is
 * unreachable, an in-process limiter with the same settings takes over (rate-limiter-flexible's
 * insurance limiter) rather than letting everything through or refusing everything — unless
 * `insurance: false`: BatchedLimiter keeps its own counts while Redis is away.
 */
export function sharedLimiter(
  redis: Redis,
  name: string,
  points: number,
  durationSec: number,
  { insurance = true }: { insurance?: boolean } = {},
): RateLimiterRedis {
  return new RateLimiterRedis({
    storeClient: redis,
    keyPrefix: `gomall:rl:${name}`,
    points,
    duration: durationSec,
    ...(insurance && {
      insuranceLimiter: new RateLimiterMemory({ points, duration: durationSec }),
    }),
  });
}

export function rateLimited(msBeforeNext: number): AppError {
  const seconds = Math.max(1, Math.ceil(msBeforeNext / 1000));
  return new AppError(429, 'RATE_LIMITED', 'Too many requests; try again later', undefined, {
    'Retry-After': String(seconds),
  });
}

/** Consumes one point; a refusal becomes 429 RATE_LIMITED with Retry-After. */
export async function consumeOrThrow(limiter: RateLimiterRedis, key: string): Promise<void> {
  try {
    await limiter.consume(key);
  } catch (rejection) {
    if (rejection instanceof RateLimiterRes) throw rateLimited(rejection.msBeforeNext);
    throw rejection;
  }
}
