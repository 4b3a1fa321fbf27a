import {
  adminUserPageSchema,
  adminUserQuerySchema,
  adminUserSchema,
  auditEntryPageSchema,
  auditLogQuerySchema,
  banBodySchema,
  rolesBodySchema,
  userIdParamsSchema,
} from '@gomall/contracts';
import type { AuthClient } from '../clients/auth-client';
import type { UserClient } from '../clients/user-client';
import { ApiRoutes, type Operation } from '../openapi/operation';

/** Not part of shared/api.md: the admin tools on users of issue 16. */
const EXTENSION = 'admin users and audit log (not in shared/api.md)';
const common = { extension: EXTENSION, tags: ['admin'], access: 'admin' } as const;
const userAnswer = (description: string): Operation['answers'] => ({
  200: { description, schema: adminUserSchema },
});

/**
 * Admin tools on users (401 without a token, 403 without the admin role). The user service owns
 * the accounts and the audit log; the auth service makes a ban and a role change reach tokens
 * already issued. Each runs after the user service's change, so a retried call finishes the job.
 */
export function adminUserRoutes(users: UserClient, auth: AuthClient): ApiRoutes {
  const routes = new ApiRoutes();

  routes.add(
    {
      ...common,
      method: 'get',
      path: '/admin/users',
      operationId: 'searchUsers',
      summary: 'Users, newest first (admin): search by email or name, role, ban',
      query: adminUserQuerySchema,
      answers: { 200: { description: 'A page of users', schema: adminUserPageSchema } },
    },
    async (ctx, { query }) => {
      ctx.body = await users.searchUsers(query);
    },
  );

  routes.add(
    {
      ...common,
      method: 'get',
      path: '/admin/users/:id',
      operationId: 'getUser',
      summary: 'One user (admin)',
      params: userIdParamsSchema,
      answers: userAnswer('The user'),
      errors: { 404: true },
    },
    async (ctx, { params }) => {
      ctx.body = await users.adminGet(params.id);
    },
  );

  routes.add(
    {
      ...common,
      method: 'post',
      path: '/admin/users/:id/ban',
      operationId: 'banUser',
      summary: 'Ban a user (admin): every session ends at once, login answers 403 ACCOUNT_BANNED',
      description:
        'Access tokens already issued are refused from the next request on, refresh tokens ' +
        'too. Banning a banned user changes nothing (the first reason stays). Admins cannot ' +
        'ban themselves (409). Recorded in the audit log.',
      params: userIdParamsSchema,
      body: banBodySchema,
      answers: userAnswer('The banned user'),
      errors: { 404: true, 409: true },
    },
    async (ctx, { params: { id }, body }) => {
      const user = await users.ban(id, body);
      // Every login and every access token of the user ends now (also when the ban was already
      // there: a repeat after a failed revocation completes it).
      await auth.revokeUser(id);
      ctx.body = user;
    },
  );

  routes.add(
    {
      ...common,
      method: 'post',
      path: '/admin/users/:id/unban',
      operationId: 'unbanUser',
      summary: 'Lift a ban (admin): the user can sign in again; idempotent',
      params: userIdParamsSchema,
      answers: userAnswer('The user'),
      errors: { 404: true },
    },
    async (ctx, { params }) => {
      ctx.body = await users.unban(params.id);
    },
  );

  routes.add(
    {
      ...common,
      method: 'put',
      path: '/admin/users/:id/roles',
      operationId: 'setUserRoles',
      summary: "Set a user's roles (admin); they count from the user's next request",
      description:
        'Tokens already issued act with the new roles at once (the gateway reads them beside ' +
        'the revocation list). Removing the admin role from the last admin who can sign in is ' +
        'a 409. Recorded in the audit log.',
      params: userIdParamsSchema,
      body: rolesBodySchema,
      answers: userAnswer('The user with the new roles'),
      errors: { 404: true, 409: true },
    },
    async (ctx, { params: { id }, body }) => {
      const user = await users.setRoles(id, body);
      // The user's next request acts with these roles, whatever its token still claims.
      await auth.rolesChanged(id, user.roles);
      ctx.body = user;
    },
  );

  routes.add(
    {
      ...common,
      method: 'get',
      path: '/admin/audit-log',
      operationId: 'adminAuditLog',
      summary: 'What admins did (bans, roles, order addresses, saga retries), newest first',
      description: 'Not /admin/audit, which checks the money and stock invariants of the mall.',
      query: auditLogQuerySchema,
      answers: { 200: { description: 'A page of entries', schema: auditEntryPageSchema } },
    },
    async (ctx, { query }) => {
      ctx.body = await users.auditLog(query);
    },
  );

  return routes;
}
