import { updateProfileBodySchema } from '@gomall/contracts';
import { parseInput } from '@gomall/kit';
import Router from '@koa/router';
import { sessionOf } from '../auth/authenticate';
import type { AuthClient } from '../clients/auth-client';
import type { UserClient } from '../clients/user-client';
import { requireUser } from './guards';

/** The caller's own profile; whose it is comes only from the verified token. */
export function userRoutes(users: UserClient, auth: AuthClient): Router {
  const router = new Router();

  router.get('/users/me', requireUser(), async (ctx) => {
    ctx.body = await users.me();
  });

  router.patch('/users/me', requireUser(), async (ctx) => {
    const changes = parseInput(updateProfileBodySchema, ctx.request.body, 'body');
    ctx.body = await users.update(changes);
    // A new password ends every other login: whoever knew the old one is out.
    if (changes.password !== undefined) await auth.logoutOthers(sessionOf(ctx).id);
  });

  router.delete('/users/me', requireUser(), async (ctx) => {
    // Tokens first: if the deletion then fails, the user is logged out, never a deleted user
    // left holding a working token.
    await auth.revokeCaller();
    await users.deleteMe();
    ctx.status = 204;
  });

  return router;
}
