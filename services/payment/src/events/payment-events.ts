import { TOPICS, type EventPayload, type Payment, type PaymentTopic } from '@gomall/contracts';

/**
 * `payment.succeeded|failed|refunded`: written to the outbox in the transaction that records the
 * outcome, so exactly the outcomes that were stored are announced.
 */
export function paymentEvent(payment: Payment): {
  topic: PaymentTopic;
  data: EventPayload<PaymentTopic>;
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
