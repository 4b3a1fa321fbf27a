import type { ServiceInvoker } from '@gomall/kit';
import type { CartLine, OrderItem } from '../domain/saga-data';

export interface Reservation {
  orderId: string;
  status: string;
  items: OrderItem[];
}

/** Stock reservations of the product service; every call is idempotent per order id. */
export class ProductClient {
  constructor(private readonly invoker: ServiceInvoker) {}

  /** 409 INSUFFICIENT_STOCK (relayed, with details) when any line cannot be reserved. */
  reserve(orderId: string, items: CartLine[]): Promise<Reservation> {
    return this.invoker.call('POST', '/reservations', { body: { orderId, items } });
  }

  commit(orderId: string): Promise<{ orderId: string; status: string }> {
    return this.invoker.call('POST', `/reservations/${encodeURIComponent(orderId)}/commit`);
  }

  /** Reserved units go back, committed units return to on-hand; unknown order → status "none". */
  release(orderId: string): Promise<{ orderId: string; status: string }> {
    return this.invoker.call('POST', `/reservations/${encodeURIComponent(orderId)}/release`);
  }
}
