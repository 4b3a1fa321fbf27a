import {
  paymentOperations,
  type ChargeBody,
  type Payment,
  type PaymentFacts,
} from '@gomall/contracts';
import type { ServiceInvoker } from '@gomall/kit';

/**
 * The payment service; charges are idempotent per order id and carry the saga step's
 * Idempotency-Key. Refunds are not the saga's: the payment service refunds (or voids the order's
 * payment) on `order.cancelled`.
 */
export class PaymentClient {
  constructor(private readonly invoker: ServiceInvoker) {}

  /** 402 PAYMENT_DECLINED or 400 invalid card are relayed unchanged; 409 when voided. */
  charge(request: ChargeBody, idempotencyKey: string): Promise<Payment> {
    return this.invoker.invoke(paymentOperations.charge, { body: request, idempotencyKey });
  }

  /** The order's payment, or 404 NOT_FOUND when it was never charged (saga recovery). */
  byOrder(orderId: string): Promise<Payment> {
    return this.invoker.invoke(paymentOperations.byOrder, { params: { orderId } });
  }

  /** This service's facts for the audit (as the calling admin). */
  auditFacts(outboxDeadlineSeconds: number): Promise<PaymentFacts> {
    return this.invoker.invoke(paymentOperations.auditFacts, { query: { outboxDeadlineSeconds } });
  }
}
