import type { AppError } from '@gomall/kit';
import { checkoutAnswer, type SagaData } from './saga-data';

/** An answer of POST /checkout as stored for its Idempotency-Key and replayed. */
export interface StoredAnswer {
  status: number;
  body: unknown;
}

export const completedAnswer = (data: SagaData): StoredAnswer => ({
  status: 201,
  body: checkoutAnswer(data),
});

/**
 * The buyer's own problem (empty cart, no stock, declined, bad card) is final and replayed. A
 * service failure or a crash is not: no answer, the key is forgotten and a retry starts afresh.
 */
export const failureAnswer = (failure: AppError): StoredAnswer | undefined =>
  failure.status < 500 ? { status: failure.status, body: failure.toBody() } : undefined;
