import {
  adminOrderSearchQuerySchema,
  changeAddressBodySchema,
  orderListQuerySchema,
  orderSchema,
  orderWithHistorySchema,
} from '../api/orders';
import { orderFactsSchema } from '../internal/audit';
import {
  createOrderBodySchema,
  markCancelledBodySchema,
  markPaidBodySchema,
  orderOrPlaceholderSchema,
  orderStatusSchema,
} from '../internal/order';
import { pageSchema } from '../page';
import type { Operation } from './operation';

/** What the order service answers to the gateway, checkout, notification and payment services. */
export const orderOperations = {
  list: {
    method: 'GET',
    path: '/orders',
    query: orderListQuerySchema,
    answer: pageSchema(orderSchema),
  },
  get: { method: 'GET', path: '/orders/:id', answer: orderSchema },
  status: { method: 'GET', path: '/orders/:id/status', answer: orderStatusSchema },
  history: { method: 'GET', path: '/orders/:id/history', answer: orderWithHistorySchema },
  cancel: { method: 'POST', path: '/orders/:id/cancel', answer: orderSchema },
  changeAddress: {
    method: 'PATCH',
    path: '/orders/:id/address',
    body: changeAddressBodySchema,
    answer: orderWithHistorySchema,
  },
  create: {
    method: 'POST',
    path: '/orders',
    body: createOrderBodySchema,
    answer: orderOrPlaceholderSchema,
  },
  markPaid: {
    method: 'POST',
    path: '/orders/:id/mark-paid',
    body: markPaidBodySchema,
    answer: orderSchema,
  },
  markCancelled: {
    method: 'POST',
    path: '/orders/:id/mark-cancelled',
    body: markCancelledBodySchema,
    answer: orderOrPlaceholderSchema,
  },
  search: {
    method: 'GET',
    path: '/admin/orders',
    query: adminOrderSearchQuerySchema,
    answer: pageSchema(orderSchema),
  },
  adminGet: { method: 'GET', path: '/admin/orders/:id', answer: orderWithHistorySchema },
  ship: { method: 'POST', path: '/admin/orders/:id/ship', answer: orderSchema },
  adminChangeAddress: {
    method: 'PATCH',
    path: '/admin/orders/:id/address',
    body: changeAddressBodySchema,
    answer: orderWithHistorySchema,
  },
  auditFacts: { method: 'GET', path: '/admin/audit', answer: orderFactsSchema },
} as const satisfies Record<string, Operation>;
