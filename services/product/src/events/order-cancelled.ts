import { TOPICS } from '@gomall/contracts';
import { DAPR_COMPONENTS, type TopicSubscription } from '@gomall/kit';
import type { StockRepository } from '../data/stock-repository';

/**
 * A cancelled order holds no stock, and this subscriber owns that undo (the checkout saga only asks
 * the order service to cancel; the order service also asks for the release at once, so the stock is
 * back without waiting for the event). Releasing is idempotent and leaves a released marker even
 * when nothing was reserved yet, so a reserve that arrives late is refused; a redelivery does no harm.
 */
export const orderCancelledSubscription = (
  stock: StockRepository,
): TopicSubscription<'order.cancelled'> => ({
  pubsubName: DAPR_COMPONENTS.pubsub,
  topic: TOPICS.orderCancelled,
  deadLetterTopic: TOPICS.deadLetter,
  async handle(event) {
    await stock.release(event.data.data.orderId);
  },
});
