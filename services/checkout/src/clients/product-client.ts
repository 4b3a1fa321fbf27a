import {
  productOperations,
  type CommitAnswer,
  type ProductFacts,
  type Reservation,
  type StockLine,
} from '@gomall/contracts';
import type { ServiceInvoker } from '@gomall/kit';

/**
 * Stock reservations of the product service; every call is idempotent per order id and carries
 * the saga step's Idempotency-Key. Releasing is not the saga's: the product service releases on
 * `order.cancelled`.
 */
export class ProductClient {
  constructor(private readonly invoker: ServiceInvoker) {}

  /** 409 INSUFFICIENT_STOCK (relayed, with details) when any line cannot be reserved. */
  reserve(orderId: string, items: StockLine[], idempotencyKey: string): Promise<Reservation> {
    return this.invoker.invoke(productOperations.reserve, {
      body: { orderId, items },
      idempotencyKey,
    });
  }

  commit(orderId: string, idempotencyKey: string): Promise<CommitAnswer> {
    return this.invoker.invoke(productOperations.commit, { params: { orderId }, idempotencyKey });
  }

  /** This service's facts for the audit (as the calling admin). */
  auditFacts(outboxDeadlineSeconds: number): Promise<ProductFacts> {
    return this.invoker.invoke(productOperations.auditFacts, { query: { outboxDeadlineSeconds } });
  }
}
