import { TOPICS, type EventPublisher, type Logger } from '@gomall/kit';
import type { Payment } from '../domain/card';

/**
 * `payment.succeeded|failed|refunded`, published after the payment row is written. A failed
 * publish is logged and does not undo the payment: the row is the truth, events inform.
 */
export class PaymentEvents {
  constructor(
    private readonly publisher: EventPublisher,
    private readonly logger: Logger,
  ) {}

  outcome(payment: Payment): Promise<void> {
    return this.publish(
      payment.status === 'failed' ? TOPICS.paymentFailed : TOPICS.paymentSucceeded,
      payment,
    );
  }

  refunded(payment: Payment): Promise<void> {
    return this.publish(TOPICS.paymentRefunded, payment);
  }

  private async publish(topic: string, payment: Payment): Promise<void> {
    try {
      await this.publisher.publish(topic, {
        paymentId: payment.id,
        orderId: payment.orderId,
        amountCents: payment.amountCents,
      });
    } catch (error) {
      this.logger.warn({ err: error, topic, orderId: payment.orderId }, 'event not published');
    }
  }
}
