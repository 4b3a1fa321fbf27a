import type {
  AdminOrderSearchQuery,
  ChangeAddressBody,
  Order,
  OrderListQuery,
  OrderWithHistory,
  Page,
} from '@gomall/contracts';
import type { ServiceInvoker } from '@gomall/kit';

/**
 * The order service as the gateway sees it. The caller's identity travels in the request context
 * (set by the authentication middleware), so the service answers only the caller's own orders.
 */
export class OrderClient {
  constructor(private readonly invoker: ServiceInvoker) {}

  list(query: OrderListQuery): Promise<Page<Order>> {
    return this.invoker.call('GET', '/orders', { query });
  }

  get(id: string): Promise<Order> {
    return this.invoker.call('GET', `/orders/${encodeURIComponent(id)}`);
  }

  cancel(id: string): Promise<Order> {
    return this.invoker.call('POST', `/orders/${encodeURIComponent(id)}/cancel`);
  }

  ship(id: string): Promise<Order> {
    return this.invoker.call('POST', `/admin/orders/${encodeURIComponent(id)}/ship`);
  }

  history(id: string): Promise<OrderWithHistory> {
    return this.invoker.call('GET', `/orders/${encodeURIComponent(id)}/history`);
  }

  changeAddress(id: string, body: ChangeAddressBody): Promise<OrderWithHistory> {
    return this.invoker.call('PATCH', `/orders/${encodeURIComponent(id)}/address`, { body });
  }

  search(query: AdminOrderSearchQuery): Promise<Page<Order>> {
    return this.invoker.call('GET', '/admin/orders', { query });
  }

  adminGet(id: string): Promise<OrderWithHistory> {
    return this.invoker.call('GET', `/admin/orders/${encodeURIComponent(id)}`);
  }

  adminChangeAddress(id: string, body: ChangeAddressBody): Promise<OrderWithHistory> {
    return this.invoker.call('PATCH', `/admin/orders/${encodeURIComponent(id)}/address`, { body });
  }
}
