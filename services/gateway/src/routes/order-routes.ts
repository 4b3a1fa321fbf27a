import {
  adminOrderSearchQuerySchema,
  changeAddressBodySchema,
  orderIdParamsSchema,
  orderListQuerySchema,
  orderPageSchema,
  orderSchema,
  orderWithHistorySchema,
} from '@gomall/contracts';
import type { AuditReporter } from '../clients/audit-reporter';
import type { OrderClient } from '../clients/order-client';
import { ApiRoutes, type Answer } from '../openapi/operation';

/** Not part of shared/api.md: order support tools (issue 16). */
const EXTENSION = 'order support (not in shared/api.md)';
const order = (description: string): Record<number, Answer> => ({
  200: { description, schema: orderSchema },
});
const withHistory = (description: string): Record<number, Answer> => ({
  200: { description, schema: orderWithHistorySchema },
});

/** The shopper's own orders; another user's order id answers 404 (the order service decides). */
export function orderRoutes(orders: OrderClient, audit: AuditReporter): ApiRoutes {
  const routes = new ApiRoutes();
  const mine = { tags: ['orders'], access: 'user' } as const;
  const admins = { tags: ['admin'], access: 'admin' } as const;

  routes.add(
    {
      ...mine,
      method: 'get',
      path: '/orders',
      operationId: 'listOrders',
      summary: 'Your orders, newest first',
      query: orderListQuerySchema,
      answers: { 200: { description: 'A page of your orders', schema: orderPageSchema } },
    },
    async (ctx, { query }) => {
      ctx.body = await orders.list(query);
    },
  );

  routes.add(
    {
      ...mine,
      method: 'get',
      path: '/orders/:id',
      operationId: 'getOrder',
      summary: 'One of your orders (another user’s order is 404)',
      params: orderIdParamsSchema,
      answers: order('The order'),
      errors: { 404: true },
    },
    async (ctx, { params }) => {
      ctx.body = await orders.get(params.id);
    },
  );

  routes.add(
    {
      ...mine,
      method: 'post',
      path: '/orders/:id/cancel',
      operationId: 'cancelOrder',
      summary:
        'Cancel your order: pending → cancelled (stock released); paid → refunded (payment refunded, stock returned)',
      params: orderIdParamsSchema,
      answers: order('The cancelled or refunded order'),
      errors: { 404: true, 409: true },
    },
    async (ctx, { params }) => {
      ctx.body = await orders.cancel(params.id);
    },
  );

  routes.add(
    {
      ...mine,
      method: 'get',
      path: '/orders/:id/history',
      extension: EXTENSION,
      operationId: 'getOrderHistory',
      summary: 'one of your orders with its address history',
      params: orderIdParamsSchema,
      answers: withHistory('The order and its address changes'),
      errors: { 404: true },
    },
    async (ctx, { params }) => {
      ctx.body = await orders.history(params.id);
    },
  );

  routes.add(
    {
      ...mine,
      method: 'patch',
      path: '/orders/:id/address',
      extension: EXTENSION,
      operationId: 'changeOrderAddress',
      summary: 'a new shipping address for your order, until it ships (then 409)',
      params: orderIdParamsSchema,
      body: changeAddressBodySchema,
      answers: withHistory('The order with its new address and history'),
      errors: { 404: true, 409: true },
    },
    async (ctx, { params, body }) => {
      ctx.body = await orders.changeAddress(params.id, body);
    },
  );

  routes.add(
    {
      ...admins,
      method: 'get',
      path: '/admin/orders',
      extension: EXTENSION,
      operationId: 'searchOrders',
      summary: 'every order by status and creation time, newest first (admin)',
      query: adminOrderSearchQuerySchema,
      answers: { 200: { description: 'A page of orders', schema: orderPageSchema } },
    },
    async (ctx, { query }) => {
      ctx.body = await orders.search(query);
    },
  );

  routes.add(
    {
      ...admins,
      method: 'get',
      path: '/admin/orders/:id',
      extension: EXTENSION,
      operationId: 'adminGetOrder',
      summary: 'any order with its address history (admin)',
      params: orderIdParamsSchema,
      answers: withHistory('The order and its address changes'),
      errors: { 404: true },
    },
    async (ctx, { params }) => {
      ctx.body = await orders.adminGet(params.id);
    },
  );

  routes.add(
    {
      ...admins,
      method: 'patch',
      path: '/admin/orders/:id/address',
      extension: EXTENSION,
      operationId: 'adminChangeOrderAddress',
      summary: 'a new shipping address for any order, until it ships (admin)',
      params: orderIdParamsSchema,
      body: changeAddressBodySchema,
      answers: withHistory('The order with its new address and history'),
      errors: { 404: true, 409: true },
    },
    async (ctx, { params: { id }, body }) => {
      const changed = await orders.adminChangeAddress(id, body);
      await audit.record({
        action: 'order.address_changed',
        targetType: 'order',
        targetId: id,
        details: { to: changed.order.address },
      });
      ctx.body = changed;
    },
  );

  routes.add(
    {
      ...admins,
      method: 'post',
      path: '/admin/orders/:id/ship',
      operationId: 'shipOrder',
      summary: 'Ship a paid order (admin)',
      params: orderIdParamsSchema,
      answers: order('The shipped order'),
      errors: { 404: true, 409: true },
    },
    async (ctx, { params }) => {
      ctx.body = await orders.ship(params.id);
    },
  );

  return routes;
}
