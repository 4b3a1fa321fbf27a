import { paymentFactsSchema } from '../internal/audit';
import { chargeBodySchema, paymentSchema } from '../internal/payment';
import type { Operation } from './operation';

/** What the payment service answers to checkout and the order service. */
export const paymentOperations = {
  charge: { method: 'POST', path: '/payments', body: chargeBodySchema, answer: paymentSchema },
  byOrder: { method: 'GET', path: '/payments/by-order/:orderId', answer: paymentSchema },
  refund: { method: 'POST', path: '/payments/by-order/:orderId/refund', answer: paymentSchema },
  auditFacts: { method: 'GET', path: '/admin/audit', answer: paymentFactsSchema },
} as const satisfies Record<string, Operation>;
