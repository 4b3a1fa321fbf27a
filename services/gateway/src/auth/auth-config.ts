import { DEV_SIGNING_KEYS, redisConfigShape, signingKeysSchema } from '@gomall/kit';
import { z } from 'zod';

const count = (fallback: number) => z.coerce.number().int().min(1).default(fallback);

/** The gateway's security settings (spread into its config). Limits are per window, per key. */
export const securityConfigShape = {
  /** Shared counters (rate limits) and the revocation list the auth service writes. */
  REDIS_URL: z.string().default('redis://127.0.0.1:6380'),
  ...redisConfigShape,
  NODE_ENV: z.string().default('development'),
  JWT_KEYS: signingKeysSchema.default(DEV_SIGNING_KEYS),
  JWT_ISSUER: z.string().min(1).default('gomall-auth'),
  JWT_AUDIENCE: z.string().min(1).default('gomall-api'),
  /**
   * How many proxies in front of the gateway append to X-Forwarded-For (the ingress: 1). The client
   * IP is the entry that many hops from the right; with 0 the header is ignored, so a client
   * cannot pick its own rate-limit bucket.
   */
  TRUSTED_PROXY_HOPS: z.coerce.number().int().min(0).max(10).default(0),
  RATE_LIMIT_WINDOW_SEC: count(60),
  /** Requests to /auth/* per client IP per window. */
  RATE_LIMIT_AUTH_PER_IP: count(60),
  /** Requests elsewhere per signed-in user per window. */
  RATE_LIMIT_PER_USER: count(600),
  /** Requests elsewhere without a token, per client IP per window. */
  RATE_LIMIT_ANONYMOUS_PER_IP: count(1200),
  /** Failed logins for one email before it is blocked for LOGIN_BLOCK_BASE_SEC (doubling after). */
  LOGIN_FAILURES_PER_EMAIL: count(5),
  LOGIN_FAILURE_WINDOW_SEC: count(15 * 60),
  LOGIN_BLOCK_BASE_SEC: count(30),
  LOGIN_BLOCK_MAX_SEC: count(60 * 60),
};

export type SecurityConfig = z.infer<z.ZodObject<typeof securityConfigShape>>;
