import type { ServiceInvoker } from '@gomall/kit';

export interface Payment {
  id: string;
  orderId: string;
  status: 'succeeded' | 'failed' | 'refunded' | 'void';
  amountCents: number;
}

/** The payment service as the order service uses it. */
export class PaymentClient {
  constructor(private readonly invoker: ServiceInvoker) {}

  /** The order's payment (404 NOT_FOUND when there is none). */
  byOrder(orderId: string): Promise<Payment> {
    return this.invoker.call('GET', `/payments/by-order/${encodeURIComponent(orderId)}`);
  }

  /** Refunds the order's payment; idempotent. */
  refund(orderId: string): Promise<Payment> {
    return this.invoker.call('POST', `/payments/by-order/${encodeURIComponent(orderId)}/refund`, {
      idempotencyKey: `${orderId}:refund`,
    });
  }
}
