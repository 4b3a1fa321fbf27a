import { type TOPICS, type EventPublisher, type Logger } from '@gomall/kit';

export type OrderTopic =
  | typeof TOPICS.orderCreated
  | typeof TOPICS.orderPaid
  | typeof TOPICS.orderCancelled
  | typeof TOPICS.orderRefunded;

/**
 * `order.*` events, published after the change is committed and only by the request that made
 * it (an idempotent replay publishes nothing). A failed publish is logged; the order row is the
 * truth and stays as it is.
 */
export class OrderEvents {
  constructor(
    private readonly publisher: EventPublisher,
    private readonly logger: Logger,
  ) {}

  async publish(
    topic: OrderTopic,
    order: { id: string; totalCents: number },
    userId: string,
  ): Promise<void> {
    try {
      await this.publisher.publish(topic, {
        orderId: order.id,
        userId,
        totalCents: order.totalCents,
      });
    } catch (error) {
      this.logger.warn({ err: error, topic, orderId: order.id }, 'event not published');
    }
  }
}
