import {
  orderOperations,
  type AdminOrderSearchQuery,
  type ChangeAddressBody,
  type Order,
  type OrderListQuery,
  type OrderWithHistory,
  type Page,
} from '@gomall/contracts';
import type { ServiceInvoker } from '@gomall/kit';

/**
 * The order service as the gateway sees it (each answer checked against the contracts outside
 * production). The caller's identity travels in the request context
 * (set by the authentication middleware), so the service answers only the caller's own orders.
 */
export class OrderClient {
  constructor(private readonly invoker: ServiceInvoker) {}

  list(query: OrderListQuery): Promise<Page<Order>> {
    return this.invoker.invoke(orderOperations.list, { query });
  }

  get(id: string): Promise<Order> {
    return this.invoker.invoke(orderOperations.get, { params: { id } });
  }

  cancel(id: string): Promise<Order> {
    return this.invoker.invoke(orderOperations.cancel, { params: { id } });
  }

  ship(id: string): Promise<Order> {
    return this.invoker.invoke(orderOperations.ship, { params: { id } });
  }

  history(id: string): Promise<OrderWithHistory> {
    return this.invoker.invoke(orderOperations.history, { params: { id } });
  }

  changeAddress(id: string, body: ChangeAddressBody): Promise<OrderWithHistory> {
    return this.invoker.invoke(orderOperations.changeAddress, { params: { id }, body });
  }

  search(query: AdminOrderSearchQuery): Promise<Page<Order>> {
    return this.invoker.invoke(orderOperations.search, { query });
  }

  adminGet(id: string): Promise<OrderWithHistory> {
    return this.invoker.invoke(orderOperations.adminGet, { params: { id } });
  }

  adminChangeAddress(id: string, body: ChangeAddressBody): Promise<OrderWithHistory> {
    return this.invoker.invoke(orderOperations.adminChangeAddress, { params: { id }, body });
  }
}
