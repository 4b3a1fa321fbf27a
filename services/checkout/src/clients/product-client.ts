import {
  commitAnswerSchema,
  productFactsSchema,
  reservationSchema,
  type CommitAnswer,
  type ProductFacts,
  type Reservation,
  type StockLine,
  type reserveBodySchema,
} from '@gomall/contracts';
import type { ServiceInvoker } from '@gomall/kit';
import type { z } from 'zod';

/**
 * Stock reservations of the product service; every call is idempotent per order id and carries
 * the saga step's Idempotency-Key. Releasing is not the saga's: the product service releases on
 * `order.cancelled`.
 */
export class ProductClient {
  constructor(private readonly invoker: ServiceInvoker) {}

  /** 409 INSUFFICIENT_STOCK (relayed, with details) when any line cannot be reserved. */
  reserve(orderId: string, items: StockLine[], idempotencyKey: string): Promise<Reservation> {
    return this.invoker.callChecked(reservationSchema, 'POST', '/reservations', {
      body: { orderId, items } satisfies z.input<typeof reserveBodySchema>,
      idempotencyKey,
    });
  }

  commit(orderId: string, idempotencyKey: string): Promise<CommitAnswer> {
    return this.invoker.callChecked(
      commitAnswerSchema,
      'POST',
      `/reservations/${encodeURIComponent(orderId)}/commit`,
      { idempotencyKey },
    );
  }

  /** This service's facts for the audit (as the calling admin). */
  auditFacts(outboxDeadlineSeconds: number): Promise<ProductFacts> {
    return this.invoker.callChecked(productFactsSchema, 'GET', '/admin/audit', {
      query: { outboxDeadlineSeconds },
    });
  }
}
