import {
  TOPICS,
  type OrderEventPayload,
  type OrderStatus,
  type OrderTopic,
} from '@gomall/contracts';

/** The `order.*` event of each status an order can enter. */
const TOPIC_OF: Partial<Record<OrderStatus, OrderTopic>> = {
  pending: TOPICS.orderCreated,
  paid: TOPICS.orderPaid,
  cancelled: TOPICS.orderCancelled,
  refunded: TOPICS.orderRefunded,
  shipped: TOPICS.orderShipped,
};

export interface OrderEvent {
  topic: OrderTopic;
  data: OrderEventPayload;
}

/**
 * What to announce when an order enters `status`. It is written to the outbox in the same
 * transaction as the status change, so only the change that happened is announced, exactly then.
 */
export function orderEventFor(
  status: OrderStatus,
  order: { id: string; totalCents: number },
  userId: string,
): OrderEvent | undefined {
  const topic = TOPIC_OF[status];
  return topic
    ? { topic, data: { orderId: order.id, userId, totalCents: order.totalCents } }
    : undefined;
}
