import { callerOf, forbidden, notFound, parseInput, conflict } from '@gomall/kit';
import Router from '@koa/router';
import type { Context } from 'koa';
import { z } from 'zod';
import type { SagaRepository } from '../data/saga-repository';
import { SAGA_STATUSES } from '../data/models';

const sagaIdParams = z.object({ id: z.uuid() });
const listQuery = z.strictObject({
  status: z.enum(SAGA_STATUSES).default('stuck'),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

/** The gateway checks the role too; the service does not rely on it. */
const requireAdmin = (ctx: Context) => {
  if (!callerOf(ctx).roles.includes('admin')) throw forbidden('Needs the admin role');
};

/** Operations on sagas for admins (through the gateway's /api/v1/admin/sagas routes). */
export function adminSagaRoutes(sagas: SagaRepository): Router {
  const router = new Router({ prefix: '/admin/sagas' });

  router.get('/', async (ctx) => {
    requireAdmin(ctx);
    const query = parseInput(listQuery, ctx.query, 'query');
    ctx.body = { items: await sagas.list([query.status], query.limit) };
  });

  /** A stuck saga goes back to where it parked, with a fresh attempt budget; recovery runs it. */
  router.post('/:id/retry', async (ctx) => {
    requireAdmin(ctx);
    const { id } = parseInput(sagaIdParams, ctx.params, 'params');
    if (await sagas.retry(id)) {
      ctx.status = 202;
      ctx.body = { id, status: 'retrying' };
      return;
    }
    const saga = await sagas.get(id);
    if (!saga) throw notFound('Saga not found');
    throw conflict(`A saga that is ${saga.status} cannot be retried`, { status: saga.status });
  });

  return router;
}
