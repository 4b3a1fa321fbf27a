import {
  orderOperations,
  type CreateOrderBody,
  type Order,
  type OrderFacts,
  type OrderOrPlaceholder,
} from '@gomall/contracts';
import type { ServiceInvoker } from '@gomall/kit';

/**
 * The order service, called as the buyer (the invoker forwards the identity). Each mutating call
 * carries the saga step's Idempotency-Key; each is idempotent per order id as well.
 */
export class OrderClient {
  constructor(private readonly invoker: ServiceInvoker) {}

  /** 201 pending order; the same id again returns the same order (whatever its status now). */
  create(order: CreateOrderBody, idempotencyKey: string): Promise<OrderOrPlaceholder> {
    return this.invoker.invoke(orderOperations.create, { body: order, idempotencyKey });
  }

  markPaid(id: string, paymentId: string, idempotencyKey: string): Promise<Order> {
    return this.invoker.invoke(orderOperations.markPaid, {
      params: { id },
      body: { paymentId },
      idempotencyKey,
    });
  }

  /**
   * The saga's one compensation. The order service cancels a pending order (and records a
   * cancelled one when none was created yet, so a late create is refused) and answers the order
   * as it ends up: an order that is final already (paid, shipped, cancelled, refunded) is
   * answered as it is.
   */
  markCancelled(id: string, reason: string, idempotencyKey: string): Promise<OrderOrPlaceholder> {
    return this.invoker.invoke(orderOperations.markCancelled, {
      params: { id },
      body: { reason },
      idempotencyKey,
    });
  }

  /** This service's facts for the audit (as the calling admin). */
  auditFacts(outboxDeadlineSeconds: number): Promise<OrderFacts> {
    return this.invoker.invoke(orderOperations.auditFacts, { query: { outboxDeadlineSeconds } });
  }
}
