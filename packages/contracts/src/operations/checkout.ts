import {
  auditReportSchema,
  sagaListQuerySchema,
  sagaListSchema,
  sagaRetrySchema,
} from '../api/admin-ops';
import { checkoutBodySchema, checkoutResultSchema } from '../api/checkout';
import type { Operation } from './operation';

/** What the checkout service answers to the gateway. */
export const checkoutOperations = {
  checkout: {
    method: 'POST',
    path: '/checkout',
    body: checkoutBodySchema,
    answer: checkoutResultSchema,
  },
  sagas: {
    method: 'GET',
    path: '/admin/sagas',
    query: sagaListQuerySchema,
    answer: sagaListSchema,
  },
  retrySaga: { method: 'POST', path: '/admin/sagas/:id/retry', answer: sagaRetrySchema },
  audit: { method: 'GET', path: '/admin/audit', answer: auditReportSchema },
} as const satisfies Record<string, Operation>;
