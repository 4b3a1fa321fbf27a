import {
  checkoutOperations,
  type CheckoutBody,
  type CheckoutResult,
  type SagaListQuery,
} from '@gomall/contracts';
import type { OperationAnswer, ServiceInvoker } from '@gomall/kit';

/**
 * The checkout service (each answer checked against the contracts outside production); the
 * Idempotency-Key header is forwarded as the client sent it.
 */
export class CheckoutClient {
  constructor(private readonly invoker: ServiceInvoker) {}

  /** 201 result; its refusals (400/402/409/422) are relayed with their codes. */
  checkout(idempotencyKey: string, body: CheckoutBody): Promise<CheckoutResult> {
    return this.invoker.invoke(checkoutOperations.checkout, {
      body,
      headers: { 'idempotency-key': idempotencyKey },
    });
  }

  /** Sagas by status (admins; the caller's roles travel with the call). */
  sagas(query: SagaListQuery): Promise<OperationAnswer<typeof checkoutOperations.sagas>> {
    return this.invoker.invoke(checkoutOperations.sagas, { query });
  }

  /** Puts a stuck saga back to work; 409 when it is not stuck. */
  retrySaga(id: string): Promise<OperationAnswer<typeof checkoutOperations.retrySaga>> {
    return this.invoker.invoke(checkoutOperations.retrySaga, {
      params: { id },
      idempotencyKey: `${id}:admin-retry`,
    });
  }

  /** The cross-service audit of the live mall (the checkout service asks every service). */
  audit(): Promise<OperationAnswer<typeof checkoutOperations.audit>> {
    return this.invoker.invoke(checkoutOperations.audit);
  }
}
