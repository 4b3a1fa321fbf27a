import type { CheckoutBody, CheckoutResult, SagaListQuery } from '@gomall/contracts';
import type { ServiceInvoker } from '@gomall/kit';

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

  /** Sagas by status (admins; the caller's roles travel with the call). */
  sagas(query: SagaListQuery): Promise<{ items: unknown[] }> {
    return this.invoker.call('GET', '/admin/sagas', { query });
  }

  /** Puts a stuck saga back to work; 409 when it is not stuck. */
  retrySaga(id: string): Promise<{ id: string; status: string }> {
    return this.invoker.call('POST', `/admin/sagas/${encodeURIComponent(id)}/retry`, {
      idempotencyKey: `${id}:admin-retry`,
    });
  }

  /** The cross-service audit of the live mall (the checkout service asks every service). */
  audit(): Promise<unknown> {
    return this.invoker.call('GET', '/admin/audit');
  }
}
