import type { ServiceInvoker } from '@gomall/kit';
import type { PaymentFacts } from '../domain/audit';
import type { Card } from '../domain/checkout-request';
import type { Payment } from '../domain/saga-data';

export interface ChargeRequest {
  orderId: string;
  amountCents: number;
  currency: string;
  card: Card;
}

/**
 * The payment service; charges are idempotent per order id and carry the saga step's
 * Idempotency-Key. Refunds are not the saga's: the payment service refunds (or voids the order's
 * payment) on `order.cancelled`.
 */
export class PaymentClient {
  constructor(private readonly invoker: ServiceInvoker) {}

  /** 402 PAYMENT_DECLINED or 400 invalid card are relayed unchanged; 409 when voided. */
  charge(request: ChargeRequest, idempotencyKey: string): Promise<Payment> {
    return this.invoker.call('POST', '/payments', { body: request, idempotencyKey });
  }

  /** The order's payment, or 404 NOT_FOUND when it was never charged (saga recovery). */
  byOrder(orderId: string): Promise<Payment> {
    return this.invoker.call('GET', `/payments/by-order/${encodeURIComponent(orderId)}`);
  }

  /** This service's facts for the audit (as the calling admin). */
  auditFacts(outboxDeadlineSeconds: number): Promise<PaymentFacts> {
    return this.invoker.call('GET', '/admin/audit', { query: { outboxDeadlineSeconds } });
  }
}
