import { TOPICS } from '@gomall/kit';
import type { Payment } from '../domain/card';

/**
 * `payment.succeeded|failed|refunded`: written to the outbox in the transaction that records the
 * outcome, so exactly the outcomes that were stored are announced.
 */
export function paymentEvent(payment: Payment): {
  topic: string;
  data: { paymentId: string; orderId: string; amountCents: number };
} {
  const topic =
    payment.status === 'succeeded'
      ? TOPICS.paymentSucceeded
      : payment.status === 'failed'
        ? TOPICS.paymentFailed
        : TOPICS.paymentRefunded;
  return {
    topic,
    data: { paymentId: payment.id, orderId: payment.orderId, amountCents: payment.amountCents },
  };
}
