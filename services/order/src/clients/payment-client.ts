import { paymentOperations, type Payment } from '@gomall/contracts';
import type { ServiceInvoker } from '@gomall/kit';

/** The payment service as the order service uses it. */
export class PaymentClient {
  constructor(private readonly invoker: ServiceInvoker) {}

  /** The order's payment (404 NOT_FOUND when there is none). */
  byOrder(orderId: string): Promise<Payment> {
    return this.invoker.invoke(paymentOperations.byOrder, { params: { orderId } });
  }

  /** Refunds the order's payment; idempotent. */
  refund(orderId: string): Promise<Payment> {
    return this.invoker.invoke(paymentOperations.refund, {
      params: { orderId },
      idempotencyKey: `${orderId}:refund`,
    });
  }
}
