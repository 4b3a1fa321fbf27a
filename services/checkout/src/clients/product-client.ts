import type { ServiceInvoker } from '@gomall/kit';
import type { ProductFacts } from '../domain/audit';
import type { CartLine, OrderItem } from '../domain/saga-data';

export interface Reservation {
  orderId: string;
  status: string;
  items: OrderItem[];
}

/**
 * Stock reservations of the product service; every call is idempotent per order id and carries
 * the saga step's Idempotency-Key. Releasing is not the saga's: the product service releases on
 * `order.cancelled`.
 */
export class ProductClient {
  constructor(private readonly invoker: ServiceInvoker) {}

  /** 409 INSUFFICIENT_STOCK (relayed, with details) when any line cannot be reserved. */
  reserve(orderId: string, items: CartLine[], idempotencyKey: string): Promise<Reservation> {
    return this.invoker.call('POST', '/reservations', {
      body: { orderId, items },
      idempotencyKey,
    });
  }

  commit(orderId: string, idempotencyKey: string): Promise<{ orderId: string; status: string }> {
    return this.invoker.call('POST', `/reservations/${encodeURIComponent(orderId)}/commit`, {
      idempotencyKey,
    });
  }

  /** This service's facts for the audit (as the calling admin). */
  auditFacts(outboxDeadlineSeconds: number): Promise<ProductFacts> {
    return this.invoker.call('GET', '/admin/audit', { query: { outboxDeadlineSeconds } });
  }
}
