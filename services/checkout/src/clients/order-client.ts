import type { ServiceInvoker } from '@gomall/kit';
import type { Address } from '../domain/checkout-request';
import type { Order, OrderItem } from '../domain/saga-data';

export interface NewOrder {
  id: string;
  items: OrderItem[];
  address: Address;
  email?: string;
}

/** The order service, called as the buyer (the invoker forwards the identity). */
export class OrderClient {
  constructor(private readonly invoker: ServiceInvoker) {}

  /** 201 pending order; the same id again returns the same order. */
  create(order: NewOrder): Promise<Order> {
    return this.invoker.call('POST', '/orders', { body: order });
  }

  get(id: string): Promise<Order> {
    return this.invoker.call('GET', `/orders/${encodeURIComponent(id)}`);
  }

  markPaid(id: string, paymentId: string): Promise<Order> {
    return this.invoker.call('POST', `/orders/${encodeURIComponent(id)}/mark-paid`, {
      body: { paymentId },
    });
  }

  markCancelled(id: string, reason: string): Promise<Order> {
    return this.invoker.call('POST', `/orders/${encodeURIComponent(id)}/mark-cancelled`, {
      body: { reason },
    });
  }
}
