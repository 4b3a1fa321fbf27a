import {
  auditReportSchema,
  checkoutResultSchema,
  sagaListSchema,
  sagaRetrySchema,
  type CheckoutBody,
  type CheckoutResult,
  type SagaListQuery,
} from '@gomall/contracts';
import type { ServiceInvoker } from '@gomall/kit';
import type { z } from 'zod';

/**
 * The checkout service (each answer checked against the contracts outside production); the
 * Idempotency-Key header is forwarded as the client sent it.
 */
export class CheckoutClient {
  constructor(private readonly invoker: ServiceInvoker) {}

  /** 201 result; its refusals (400/402/409/422) are relayed with their codes. */
  checkout(idempotencyKey: string, body: CheckoutBody): Promise<CheckoutResult> {
    return this.invoker.callChecked(checkoutResultSchema, 'POST', '/checkout', {
      body,
      headers: { 'idempotency-key': idempotencyKey },
    });
  }

  /** Sagas by status (admins; the caller's roles travel with the call). */
  sagas(query: SagaListQuery): Promise<z.infer<typeof sagaListSchema>> {
    return this.invoker.callChecked(sagaListSchema, 'GET', '/admin/sagas', { query });
  }

  /** Puts a stuck saga back to work; 409 when it is not stuck. */
  retrySaga(id: string): Promise<z.infer<typeof sagaRetrySchema>> {
    return this.invoker.callChecked(
      sagaRetrySchema,
      'POST',
      `/admin/sagas/${encodeURIComponent(id)}/retry`,
      { idempotencyKey: `${id}:admin-retry` },
    );
  }

  /** The cross-service audit of the live mall (the checkout service asks every service). */
  audit(): Promise<z.infer<typeof auditReportSchema>> {
    return this.invoker.callChecked(auditReportSchema, 'GET', '/admin/audit');
  }
}
