import {
  loginBodySchema,
  registerBodySchema,
  updateProfileBodySchema,
  userIdParamsSchema,
} from '@gomall/contracts';
import { callerOf, idempotencyKeyOf, parseInput } from '@gomall/kit';
import Router from '@koa/router';
import type { Accounts } from '../domain/accounts';

/**
 * Invoked through Dapr by the gateway (registration, profile), by auth (credential checks) and by
 * notification (a customer's contact). The user of /users/me is the verified caller, never an id
 * from the request. Changes take the caller's Idempotency-Key: a repeat answers what the first did.
 */
export function userRoutes(accounts: Accounts): Router {
  const router = new Router();

  router.post('/users', async (ctx) => {
    const input = parseInput(registerBodySchema, ctx.request.body, 'body');
    ctx.status = 201;
    ctx.body = { user: await accounts.register(input, { idempotencyKey: idempotencyKeyOf(ctx) }) };
  });

  router.post('/credentials/verify', async (ctx) => {
    const credentials = parseInput(loginBodySchema, ctx.request.body, 'body');
    ctx.body = { user: await accounts.verifyCredentials(credentials) };
  });

  router.get('/users/me', async (ctx) => {
    ctx.body = await accounts.profile(callerOf(ctx).userId);
  });

  // The notification service's lookup of a customer's address; Dapr access control lets only it
  // (and no public route) reach this.
  router.get('/users/:id/contact', async (ctx) => {
    const { id } = parseInput(userIdParamsSchema, ctx.params, 'params');
    ctx.body = await accounts.contact(id);
  });

  router.patch('/users/me', async (ctx) => {
    const { userId } = callerOf(ctx);
    const changes = parseInput(updateProfileBodySchema, ctx.request.body, 'body');
    ctx.body = await accounts.update(userId, changes, idempotencyKeyOf(ctx));
  });

  router.delete('/users/me', async (ctx) => {
    await accounts.delete(callerOf(ctx).userId, idempotencyKeyOf(ctx));
    ctx.status = 204;
  });

  return router;
}
