import {
  loginBodySchema,
  logoutBodySchema,
  refreshBodySchema,
  registerBodySchema,
} from '@gomall/contracts';
import { AppError, parseInput } from '@gomall/kit';
import Router from '@koa/router';
import type { Context } from 'koa';
import { sessionOf } from '../auth/authenticate';
import type { LoginThrottle } from '../auth/login-throttle';
import type { AuthClient } from '../clients/auth-client';
import type { UserClient } from '../clients/user-client';
import { requireUser } from './guards';

/** Token answers must never be cached (RFC 6749 §5.1). */
function noStore(ctx: Context): void {
  ctx.set('Cache-Control', 'no-store');
  ctx.set('Pragma', 'no-cache');
}

/** Public auth routes: register and login are anonymous; logout needs the token it ends. */
export function authRoutes(users: UserClient, auth: AuthClient, throttle: LoginThrottle): Router {
  const router = new Router();

  router.post('/auth/register', async (ctx) => {
    const body = parseInput(registerBodySchema, ctx.request.body, 'body');
    ctx.status = 201;
    ctx.body = await users.register(body);
  });

  router.post('/auth/login', async (ctx) => {
    const credentials = parseInput(loginBodySchema, ctx.request.body, 'body');
    const attempt = await throttle.begin(credentials.email);
    try {
      ctx.body = await auth.login(credentials);
    } catch (error) {
      if (error instanceof AppError && error.status === 401) await throttle.failed(attempt);
      else await throttle.giveBack(attempt);
      throw error;
    }
    await throttle.giveBack(attempt);
    noStore(ctx);
  });

  router.post('/auth/refresh', async (ctx) => {
    const { refreshToken } = parseInput(refreshBodySchema, ctx.request.body, 'body');
    ctx.body = await auth.refresh(refreshToken);
    noStore(ctx);
  });

  router.post('/auth/logout', requireUser(), async (ctx) => {
    const { refreshToken } = parseInput(logoutBodySchema, ctx.request.body ?? {}, 'body');
    await auth.logout(sessionOf(ctx).id, refreshToken);
    ctx.status = 204;
  });

  return router;
}
