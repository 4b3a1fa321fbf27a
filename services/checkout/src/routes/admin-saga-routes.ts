import { sagaIdParamsSchema, sagaListQuerySchema } from '@gomall/contracts';
import { callerOf, forbidden, notFound, parseInput, conflict } from '@gomall/kit';
import Router from '@koa/router';
import type { Context } from 'koa';
import type { SagaRepository } from '../data/saga-repository';

/** The gateway checks the role too; the service does not rely on it. */
const requireAdmin = (ctx: Context) => {
  if (!callerOf(ctx).roles.includes('admin')) throw forbidden('Needs the admin role');
};

/** Operations on sagas for admins (through the gateway's /api/v1/admin/sagas routes). */
export function adminSagaRoutes(sagas: SagaRepository): Router {
  const router = new Router({ prefix: '/admin/sagas' });

  router.get('/', async (ctx) => {
    requireAdmin(ctx);
    const query = parseInput(sagaListQuerySchema, ctx.query, 'query');
    ctx.body = { items: await sagas.list([query.status], query.limit) };
  });

  /** A stuck saga goes back to where it parked, with a fresh attempt budget; recovery runs it. */
  router.post('/:id/retry', async (ctx) => {
    requireAdmin(ctx);
    const { id } = parseInput(sagaIdParamsSchema, ctx.params, 'params');
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
