import { updateProfileBodySchema, userSchema } from '@gomall/contracts';
import { sessionOf } from '../auth/authenticate';
import type { AuthClient } from '../clients/auth-client';
import type { UserClient } from '../clients/user-client';
import { ApiRoutes } from '../openapi/operation';

/** The caller's own profile; whose it is comes only from the verified token. */
export function userRoutes(users: UserClient, auth: AuthClient): ApiRoutes {
  const routes = new ApiRoutes();
  const common = { path: '/users/me', tags: ['users'], access: 'user' } as const;

  routes.add(
    {
      ...common,
      method: 'get',
      operationId: 'getMe',
      summary: 'The signed-in user',
      answers: { 200: { description: 'The user', schema: userSchema } },
    },
    async (ctx) => {
      ctx.body = await users.me();
    },
  );

  routes.add(
    {
      ...common,
      method: 'patch',
      operationId: 'updateMe',
      summary: 'Change the name or the password (with the current password)',
      description: 'A new password ends every other login of the user at once.',
      body: updateProfileBodySchema,
      answers: { 200: { description: 'The user', schema: userSchema } },
      errors: { 403: 'Wrong currentPassword (FORBIDDEN)' },
    },
    async (ctx, { body: changes }) => {
      ctx.body = await users.update(changes);
      // A new password ends every other login: whoever knew the old one is out.
      if (changes.password !== undefined) await auth.logoutOthers(sessionOf(ctx).id);
    },
  );

  routes.add(
    {
      ...common,
      method: 'delete',
      operationId: 'deleteMe',
      summary: 'Delete the account: tokens revoked at once, cart emptied',
      answers: { 204: { description: 'Deleted' } },
    },
    async (ctx) => {
      // Tokens first: if the deletion then fails, the user is logged out, never a deleted user
      // left holding a working token.
      await auth.revokeCaller();
      await users.deleteMe();
      ctx.status = 204;
    },
  );

  return routes;
}
