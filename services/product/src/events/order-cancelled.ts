import { DAPR_COMPONENTS, TOPICS, type TopicSubscription } from '@gomall/kit';
import { z } from 'zod';
import type { StockRepository } from '../data/stock-repository';

const orderEventPayload = z.object({
  orderId: z.string().min(1).max(64),
  userId: z.string().min(1).max(64),
  totalCents: z.number().int().min(0),
});

/**
 * A cancelled order holds no stock. Whoever cancels releases it directly (saga, shopper, sweep);
 * this subscriber is the backstop for a release that did not happen. Releasing is naturally
 * idempotent (a released or unknown reservation is left as it is), so a redelivery does no harm.
 */
export const orderCancelledSubscription = (
  stock: StockRepository,
): TopicSubscription<typeof orderEventPayload> => ({
  pubsubName: DAPR_COMPONENTS.pubsub,
  topic: TOPICS.orderCancelled,
  deadLetterTopic: TOPICS.deadLetter,
  schema: orderEventPayload,
  async handle(event) {
    await stock.release(event.data.data.orderId);
  },
});
