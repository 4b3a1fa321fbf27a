import {
  auditReportSchema,
  sagaIdParamsSchema,
  sagaListQuerySchema,
  sagaListSchema,
  sagaRetrySchema,
} from '@gomall/contracts';
import type { AuditReporter } from '../clients/audit-reporter';
import type { CheckoutClient } from '../clients/checkout-client';
import { ApiRoutes } from '../openapi/operation';

/** Not part of shared/api.md: operations endpoints added for issue 12. */
const EXTENSION = 'operations (not in shared/api.md)';

/** Operations for admins: stuck sagas and the money/stock audit (401/403 otherwise). */
export function adminOpsRoutes(checkout: CheckoutClient, audit: AuditReporter): ApiRoutes {
  const routes = new ApiRoutes();

  routes.add(
    {
      method: 'get',
      path: '/admin/sagas',
      extension: EXTENSION,
      operationId: 'listSagas',
      tags: ['admin'],
      summary: 'Checkout sagas by status, oldest first (admin); default: the stuck ones',
      access: 'admin',
      query: sagaListQuerySchema,
      answers: { 200: { description: 'The sagas', schema: sagaListSchema } },
    },
    async (ctx, { query }) => {
      ctx.body = await checkout.sagas(query);
    },
  );

  routes.add(
    {
      method: 'post',
      path: '/admin/sagas/:id/retry',
      extension: EXTENSION,
      operationId: 'retrySaga',
      tags: ['admin'],
      summary: 'Retry a stuck saga (admin): it resumes where it parked with fresh attempts',
      access: 'admin',
      params: sagaIdParamsSchema,
      answers: { 202: { description: 'Queued for the recovery sweep', schema: sagaRetrySchema } },
      errors: { 404: true, 409: true },
    },
    async (ctx, { params: { id } }) => {
      ctx.body = await checkout.retrySaga(id);
      ctx.status = 202;
      await audit.record({ action: 'saga.retried', targetType: 'saga', targetId: id });
    },
  );

  routes.add(
    {
      method: 'get',
      path: '/admin/audit',
      extension: EXTENSION,
      operationId: 'audit',
      tags: ['admin'],
      summary: 'Check the cross-service money and stock invariants of the live mall (admin)',
      description:
        'Every succeeded charge belongs to a paid/shipped order or was refunded; on hand + sold − ' +
        'returned = received for every product; nothing reserved without a pending order; no ' +
        'saga or outbox row older than its deadline. Reports, never fixes.',
      access: 'admin',
      answers: { 200: { description: 'The report', schema: auditReportSchema } },
    },
    async (ctx) => {
      ctx.body = await checkout.audit();
    },
  );

  return routes;
}
