import { AppError } from '@gomall/kit';
import Router from '@koa/router';
import type { Context } from 'koa';
import { z } from 'zod';
import type { GatewayClient } from '../clients/gateway-client';
import { readableError } from '../domain/api-errors';
import { param, pageOf, postedForm, redirectWith } from '../http/page-state';
import {
  AUDIT_ACTION_LABELS,
  auditLogPage,
  userPage,
  usersPage,
  type AuditFilters,
  type UserFilters,
} from '../views/pages/admin-user-pages';
import { requireShopAdmin } from './admin-routes';

const PAGE_SIZE = 20;
const pageQuery = z.coerce.number().int().min(1).max(10_000).catch(1);
/** What the search forms send; anything else is dropped rather than sent on as a 400. */
const text = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .transform((v) => v || undefined)
    .optional()
    .catch(undefined);
const userFiltersSchema = z.object({
  q: text(100),
  role: z.enum(['customer', 'admin']).optional().catch(undefined),
  banned: z.enum(['true', 'false']).optional().catch(undefined),
});
const auditFiltersSchema = z.object({
  action: z
    .string()
    .refine((a) => a in AUDIT_ACTION_LABELS)
    .optional()
    .catch(undefined),
  targetId: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9-]{1,64}$/)
    .optional()
    .catch(undefined),
});

/** Users (search, ban, roles) and the admin audit log; the gateway checks the role on every call. */
export function adminUserRoutes(api: GatewayClient): Router {
  const router = new Router({ prefix: '/admin' });
  router.use(requireShopAdmin(api));

  router.get('/users', async (ctx) => {
    const page = pageOf(ctx);
    const filters: UserFilters = userFiltersSchema.parse(ctx.query);
    const users = await page.session.as((c) =>
      api.adminUsers(c, {
        q: filters.q,
        role: filters.role as 'customer' | 'admin' | undefined,
        banned: filters.banned as 'true' | 'false' | undefined,
        page: pageQuery.parse(ctx.query.page),
        pageSize: PAGE_SIZE,
      }),
    );
    ctx.type = 'html';
    ctx.body = usersPage(page, users, filters);
  });

  const showUser = async (ctx: Context, view: { error?: string } = {}) => {
    const page = pageOf(ctx);
    const id = param(ctx, 'id');
    const [user, history] = await page.session.as((c) =>
      Promise.all([
        api.adminUser(c, id),
        api.auditLog(c, { targetId: id, page: 1, pageSize: PAGE_SIZE }),
      ]),
    );
    ctx.type = 'html';
    ctx.body = userPage(page, user, history.items, view);
  };

  router.get('/users/:id', (ctx) => showUser(ctx));

  /** Runs an admin action; its refusal (400/404/409) is shown on the user's page. */
  const act = async (ctx: Context, action: () => Promise<string>) => {
    try {
      const message = await action();
      redirectWith(ctx, `/admin/users/${encodeURIComponent(param(ctx, 'id'))}`, message);
    } catch (error) {
      if (!(error instanceof AppError) || error.status >= 500 || error.status === 401) throw error;
      await showUser(ctx, { error: readableError(error) });
    }
  };

  router.post('/users/:id/ban', async (ctx) => {
    const page = pageOf(ctx);
    const form = await postedForm(ctx);
    await act(ctx, async () => {
      const reason = (form.reason ?? '').trim();
      if (!reason) throw new AppError(400, 'VALIDATION_FAILED', 'Give a reason for the ban.');
      const user = await page.session.as((c) => api.banUser(c, param(ctx, 'id'), reason));
      return `${user.name} is banned and signed out everywhere.`;
    });
  });

  router.post('/users/:id/unban', async (ctx) => {
    const page = pageOf(ctx);
    await postedForm(ctx);
    await act(ctx, async () => {
      const user = await page.session.as((c) => api.unbanUser(c, param(ctx, 'id')));
      return `The ban of ${user.name} is lifted.`;
    });
  });

  router.post('/users/:id/roles', async (ctx) => {
    const page = pageOf(ctx);
    const form = await postedForm(ctx);
    await act(ctx, async () => {
      const roles = ['customer', 'admin'].filter((role) => form[`role_${role}`] === '1');
      if (roles.length === 0)
        throw new AppError(400, 'VALIDATION_FAILED', 'Pick at least one role.');
      const user = await page.session.as((c) => api.setUserRoles(c, param(ctx, 'id'), roles));
      return `${user.name} now has the roles: ${user.roles.join(', ')}.`;
    });
  });

  router.get('/audit-log', async (ctx) => {
    const page = pageOf(ctx);
    const filters: AuditFilters = auditFiltersSchema.parse(ctx.query);
    const entries = await page.session.as((c) =>
      api.auditLog(c, { ...filters, page: pageQuery.parse(ctx.query.page), pageSize: PAGE_SIZE }),
    );
    ctx.type = 'html';
    ctx.body = auditLogPage(page, entries, filters);
  });

  return router;
}
