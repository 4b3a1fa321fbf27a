import {
  orderSchema,
  orderWithHistorySchema,
  pageSchema,
  type AdminOrderSearchQuery,
  type ChangeAddressBody,
  type Order,
  type OrderListQuery,
  type OrderWithHistory,
  type Page,
} from '@gomall/contracts';
import type { ServiceInvoker } from '@gomall/kit';

const orderPage = pageSchema(orderSchema);

/**
 * The order service as the gateway sees it (each answer checked against the contracts outside
 * production). The caller's identity travels in the request context
 * (set by the authentication middleware), so the service answers only the caller's own orders.
 */
export class OrderClient {
  constructor(private readonly invoker: ServiceInvoker) {}

  list(query: OrderListQuery): Promise<Page<Order>> {
    return this.invoker.callChecked(orderPage, 'GET', '/orders', { query });
  }

  get(id: string): Promise<Order> {
    return this.invoker.callChecked(orderSchema, 'GET', `/orders/${encodeURIComponent(id)}`);
  }

  cancel(id: string): Promise<Order> {
    return this.invoker.callChecked(
      orderSchema,
      'POST',
      `/orders/${encodeURIComponent(id)}/cancel`,
    );
  }

  ship(id: string): Promise<Order> {
    return this.invoker.callChecked(
      orderSchema,
      'POST',
      `/admin/orders/${encodeURIComponent(id)}/ship`,
    );
  }

  history(id: string): Promise<OrderWithHistory> {
    return this.invoker.callChecked(
      orderWithHistorySchema,
      'GET',
      `/orders/${encodeURIComponent(id)}/history`,
    );
  }

  changeAddress(id: string, body: ChangeAddressBody): Promise<OrderWithHistory> {
    return this.invoker.callChecked(
      orderWithHistorySchema,
      'PATCH',
      `/orders/${encodeURIComponent(id)}/address`,
      { body },
    );
  }

  search(query: AdminOrderSearchQuery): Promise<Page<Order>> {
    return this.invoker.callChecked(orderPage, 'GET', '/admin/orders', { query });
  }

  adminGet(id: string): Promise<OrderWithHistory> {
    return this.invoker.callChecked(
      orderWithHistorySchema,
      'GET',
      `/admin/orders/${encodeURIComponent(id)}`,
    );
  }

  adminChangeAddress(id: string, body: ChangeAddressBody): Promise<OrderWithHistory> {
    return this.invoker.callChecked(
      orderWithHistorySchema,
      'PATCH',
      `/admin/orders/${encodeURIComponent(id)}/address`,
      { body },
    );
  }
}
