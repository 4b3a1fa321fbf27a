import { TOPICS } from '@gomall/contracts';
import { DAPR_COMPONENTS, type Logger, type TopicSubscription } from '@gomall/kit';
import { handleOnce } from '@gomall/kit/db';
import type { Sequelize } from 'sequelize';
import type { OrderClient } from '../clients/order-client';
import type { Payments } from '../domain/payments';

/**
 * A cancelled order must not keep the shopper's money, and this subscriber is the one owner of
 * that undo (the checkout saga only asks the order service to cancel). Charged → refunded. Not
 * charged (yet) → a void payment takes the order's slot, so a charge still on its way (its saga
 * run gave up on it) is refused when it lands. Each event is handled once (inbox); a malformed
 * one goes to the dead-letter topic.
 *
 * An event is a claim, not proof: the order service is asked first, and only an order it says is
 * cancelled (or refunded) gets its money back. A forged event for a paid order refunds nothing.
 */
export const orderCancelledSubscription = (
  sequelize: Sequelize,
  payments: Payments,
  orders: OrderClient,
  logger: Logger,
): TopicSubscription<'order.cancelled'> => ({
  pubsubName: DAPR_COMPONENTS.pubsub,
  topic: TOPICS.orderCancelled,
  deadLetterTopic: TOPICS.deadLetter,
  async handle(event) {
    const { orderId } = event.data.data;
    const order = await orders.status(orderId);
    if (order?.status !== 'cancelled' && order?.status !== 'refunded') {
      logger.warn(
        { orderId, orderStatus: order?.status ?? 'none' },
        'order.cancelled for an order that is not cancelled: nothing refunded',
      );
      return;
    }
    await handleOnce(sequelize, event, async (transaction) => {
      const done = await payments.settleCancelled(orderId, transaction);
      logger.info({ orderId, done }, 'payment of a cancelled order settled');
    });
  },
});
