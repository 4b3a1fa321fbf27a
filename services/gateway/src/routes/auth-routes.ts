import {
  loginBodySchema,
  logoutBodySchema,
  refreshBodySchema,
  registerBodySchema,
  registeredSchema,
  tokenPairSchema,
} from '@gomall/contracts';
import { AppError } from '@gomall/kit';
import type { Context } from 'koa';
import { sessionOf } from '../auth/authenticate';
import type { LoginThrottle } from '../auth/login-throttle';
import type { AuthClient } from '../clients/auth-client';
import type { UserClient } from '../clients/user-client';
import { ApiRoutes } from '../openapi/operation';

/** Token answers must never be cached (RFC 6749 §5.1). */
function noStore(ctx: Context): void {
  ctx.set('Cache-Control', 'no-store');
  ctx.set('Pragma', 'no-cache');
}

/** Public auth routes: register and login are anonymous; logout needs the token it ends. */
export function authRoutes(
  users: UserClient,
  auth: AuthClient,
  throttle: LoginThrottle,
): ApiRoutes {
  const routes = new ApiRoutes();

  routes.add(
    {
      method: 'post',
      path: '/auth/register',
      operationId: 'register',
      tags: ['auth'],
      summary: 'Create a customer account',
      access: 'anonymous',
      body: registerBodySchema,
      answers: { 201: { description: 'The new user', schema: registeredSchema } },
      errors: { 409: true },
    },
    async (ctx, { body }) => {
      ctx.status = 201;
      ctx.body = await users.register(body);
    },
  );

  routes.add(
    {
      method: 'post',
      path: '/auth/login',
      operationId: 'login',
      tags: ['auth'],
      summary: 'Exchange email and password for a token pair',
      description:
        'Unknown email and wrong password answer the same 401. Repeated failures for one email ' +
        'block it for a while (429 with Retry-After, growing with each block). A banned ' +
        'account with the right password answers 403 ACCOUNT_BANNED (an extension).',
      access: 'anonymous',
      body: loginBodySchema,
      answers: { 200: { description: 'A new login', schema: tokenPairSchema } },
      errors: { 401: true, 403: 'The account is banned (ACCOUNT_BANNED)' },
    },
    async (ctx, { body: credentials }) => {
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
    },
  );

  routes.add(
    {
      method: 'post',
      path: '/auth/refresh',
      operationId: 'refresh',
      tags: ['auth'],
      summary: 'Exchange a refresh token for a new pair',
      description:
        'The presented refresh token is spent. Presenting a spent token again revokes the whole ' +
        'login (every access and refresh token of it).',
      access: 'anonymous',
      body: refreshBodySchema,
      answers: { 200: { description: 'The new pair', schema: tokenPairSchema } },
      errors: { 401: true },
    },
    async (ctx, { body }) => {
      ctx.body = await auth.refresh(body.refreshToken);
      noStore(ctx);
    },
  );

  routes.add(
    {
      method: 'post',
      path: '/auth/logout',
      operationId: 'logout',
      tags: ['auth'],
      summary: 'End the login: the access token and its refresh tokens stop working at once',
      access: 'user',
      body: logoutBodySchema,
      bodyOptional: true,
      answers: { 204: { description: 'Logged out' } },
    },
    async (ctx, { body }) => {
      await auth.logout(sessionOf(ctx).id, body.refreshToken);
      ctx.status = 204;
    },
  );

  return routes;
}
