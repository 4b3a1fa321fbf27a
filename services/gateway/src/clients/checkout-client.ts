import type { ServiceInvoker } from '@gomall/kit';
import type { CheckoutBody, CheckoutResult } from '../domain/checkout';

/** The checkout service; the Idempotency-Key header is forwarded as the client sent it. */
export class CheckoutClient {
  constructor(private readonly invoker: ServiceInvoker) {}

  /** 201 result; its refusals (400/402/409/422) are relayed with their codes. */
  checkout(idempotencyKey: string, body: CheckoutBody): Promise<CheckoutResult> {
    return this.invoker.call('POST', '/checkout', {
      body,
      headers: { 'idempotency-key': idempotencyKey },
    });
  }
}
