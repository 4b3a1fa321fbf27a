import {
  orderOrPlaceholderSchema,
  orderFactsSchema,
  orderSchema,
  type OrderOrPlaceholder,
  type CreateOrderBody,
  type Order,
  type OrderFacts,
  type markCancelledBodySchema,
  type markPaidBodySchema,
} from '@gomall/contracts';
import type { ServiceInvoker } from '@gomall/kit';
import type { z } from 'zod';

/**
 * The order service, called as the buyer (the invoker forwards the identity). Each mutating call
 * carries the saga step's Idempotency-Key; each is idempotent per order id as well.
 */
export class OrderClient {
  constructor(private readonly invoker: ServiceInvoker) {}

  /** 201 pending order; the same id again returns the same order (whatever its status now). */
  create(order: CreateOrderBody, idempotencyKey: string): Promise<OrderOrPlaceholder> {
    return this.invoker.callChecked(orderOrPlaceholderSchema, 'POST', '/orders', {
      body: order,
      idempotencyKey,
    });
  }

  markPaid(id: string, paymentId: string, idempotencyKey: string): Promise<Order> {
    return this.invoker.callChecked(
      orderSchema,
      'POST',
      `/orders/${encodeURIComponent(id)}/mark-paid`,
      {
        body: { paymentId } satisfies z.input<typeof markPaidBodySchema>,
        idempotencyKey,
      },
    );
  }

  /**
   * The saga's one compensation. The order service cancels a pending order (and records a
   * cancelled one when none was created yet, so a late create is refused) and answers the order
   * as it ends up: an order that is final already (paid, shipped, cancelled, refunded) is
   * answered as it is.
   */
  markCancelled(id: string, reason: string, idempotencyKey: string): Promise<OrderOrPlaceholder> {
    return this.invoker.callChecked(
      orderOrPlaceholderSchema,
      'POST',
      `/orders/${encodeURIComponent(id)}/mark-cancelled`,
      {
        body: { reason } satisfies z.input<typeof markCancelledBodySchema>,
        idempotencyKey,
      },
    );
  }

  /** This service's facts for the audit (as the calling admin). */
  auditFacts(outboxDeadlineSeconds: number): Promise<OrderFacts> {
    return this.invoker.callChecked(orderFactsSchema, 'GET', '/admin/audit', {
      query: { outboxDeadlineSeconds },
    });
  }
}
