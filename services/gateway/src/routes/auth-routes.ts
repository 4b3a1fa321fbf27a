import { AppError, parseInput } from '@gomall/kit';
import Router from '@koa/router';
import { sessionOf } from '../auth/authenticate';
import { loginBody, logoutBody, refreshBody, registerBody } from '../auth/identity-schemas';
import type { LoginThrottle } from '../auth/login-throttle';
import type { AuthClient } from '../clients/auth-client';
import type { UserClient } from '../clients/user-client';
import { requireUser } from './guards';

/** Public auth routes: register and login are anonymous; logout needs the token it ends. */
export function authRoutes(users: UserClient, auth: AuthClient, throttle: LoginThrottle): Router {
  const router = new Router();

  router.post('/auth/register', async (ctx) => {
    const body = parseInput(registerBody, ctx.request.body, 'body');
    ctx.status = 201;
    ctx.body = await users.register(body);
  });

  router.post('/auth/login', async (ctx) => {
    const credentials = parseInput(loginBody, ctx.request.body, 'body');
    await throttle.assertAllowed(credentials.email);
    try {
      ctx.body = await auth.login(credentials);
    } catch (error) {
      if (error instanceof AppError && error.status === 401) {
        await throttle.recordFailure(credentials.email);
      }
      throw error;
    }
    await throttle.recordSuccess(credentials.email);
  });

  router.post('/auth/refresh', async (ctx) => {
    const { refreshToken } = parseInput(refreshBody, ctx.request.body, 'body');
    ctx.body = await auth.refresh(refreshToken);
  });

  router.post('/auth/logout', requireUser(), async (ctx) => {
    const { refreshToken } = parseInput(logoutBody, ctx.request.body ?? {}, 'body');
    await auth.logout(sessionOf(ctx).id, refreshToken);
    ctx.status = 204;
  });

  return router;
}
