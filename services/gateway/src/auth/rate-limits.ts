import type { Redis } from 'ioredis';
import type { Middleware } from 'koa';
import type { AuthenticatedUser } from '../routes/guards';
import type { SecurityConfig } from './auth-config';
import { clientIp } from './client-ip';
import { BatchedLimiter } from './batched-limiter';
import { consumeOrThrow, sharedLimiter } from './limiter-factory';

const AUTH_PATHS = /^\/api\/v1\/auth(\/|$)/;

/**
 * The path as the router may match it: percent-decoded, repeated slashes collapsed, lower case
 * (routes match case-insensitively). So no spelling of an /auth/* path escapes the auth budget.
 */
function classifiedPath(path: string): string {
  let decoded = path;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    // a malformed escape: classify the raw path (the router will not match it either)
  }
  return decoded.replace(/\/{2,}/g, '/').toLowerCase();
}

interface RateLimits {
  middleware: Middleware;
  close: () => void;
}

/**
 * Request budgets: per client IP on /auth/* (register, login, refresh — where guessing happens),
 * per signed-in user elsewhere, per IP for anonymous traffic elsewhere. Runs after authenticate()
 * so a user is known. Failed logins per email have their own, stricter budget (login-throttle.ts).
 * The /auth/* budget asks Redis on every request, so it holds exactly across replicas; the other
 * two are on every request's path and are counted in batches (batched-limiter.ts).
 */
export function rateLimits(redis: Redis, config: SecurityConfig): RateLimits {
  const window = config.RATE_LIMIT_WINDOW_SEC;
  const authPerIp = sharedLimiter(redis, 'auth-ip', config.RATE_LIMIT_AUTH_PER_IP, window);
  const batched = (name: string, points: number) =>
    new BatchedLimiter(
      sharedLimiter(redis, name, points, window, { insurance: false }),
      points,
      window,
    );
  const perUser = batched('user', config.RATE_LIMIT_PER_USER);
  const anonymousPerIp = batched('anon-ip', config.RATE_LIMIT_ANONYMOUS_PER_IP);
  return {
    middleware: async (ctx, next) => {
      const user = (ctx.state as { user?: AuthenticatedUser }).user;
      if (AUTH_PATHS.test(classifiedPath(ctx.path))) {
        await consumeOrThrow(authPerIp, clientIp(ctx, config.TRUSTED_PROXY_HOPS));
      } else if (user) {
        await perUser.consume(user.id);
      } else {
        await anonymousPerIp.consume(clientIp(ctx, config.TRUSTED_PROXY_HOPS));
      }
      await next();
    },
    close: () => {
      perUser.close();
      anonymousPerIp.close();
    },
  };
}
