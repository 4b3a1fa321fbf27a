import type { ServiceInvoker } from '@gomall/kit';
import type { Card } from '../domain/checkout-request';
import type { Payment } from '../domain/saga-data';

export interface ChargeRequest {
  orderId: string;
  amountCents: number;
  currency: string;
  card: Card;
}

/** The payment service; charges are idempotent per order id. */
export class PaymentClient {
  constructor(private readonly invoker: ServiceInvoker) {}

  /** 402 PAYMENT_DECLINED or 400 invalid card are relayed unchanged. */
  charge(request: ChargeRequest): Promise<Payment> {
    return this.invoker.call('POST', '/payments', { body: request });
  }

  /** The order's payment, or 404 NOT_FOUND when it was never charged (saga recovery). */
  byOrder(orderId: string): Promise<Payment> {
    return this.invoker.call('GET', `/payments/by-order/${encodeURIComponent(orderId)}`);
  }

  refund(orderId: string): Promise<Payment> {
    return this.invoker.call('POST', `/payments/by-order/${encodeURIComponent(orderId)}/refund`);
  }
}
