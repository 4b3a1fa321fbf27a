import { TOPICS, type OrderTopic } from '@gomall/contracts';
import { DAPR_COMPONENTS, type TopicSubscription } from '@gomall/kit';
import { handleOnce } from '@gomall/kit/db';
import type { Sequelize } from 'sequelize';
import type { OrderMailKind } from '../domain/order-mail';
import type { OrderNotifier } from '../domain/notifier';

/** The mail each `order.*` event sends. */
const ORDER_MAILS: ReadonlyArray<{ topic: OrderTopic; kind: OrderMailKind }> = [
  { topic: TOPICS.orderCreated, kind: 'placed' },
  { topic: TOPICS.orderPaid, kind: 'paid' },
  { topic: TOPICS.orderCancelled, kind: 'cancelled' },
  { topic: TOPICS.orderRefunded, kind: 'refunded' },
  { topic: TOPICS.orderShipped, kind: 'shipped' },
];

/**
 * One mail per event, however often it is delivered: the event id goes into the inbox in the
 * transaction that is committed only after the SMTP server took the mail. A redelivery finds the
 * id and sends nothing; a failed send rolls the id back and the redelivery tries again. (A crash
 * between the server's acceptance and the commit can send a mail twice; pub/sub offers at least
 * once, and a second copy of a status mail is the harmless side of that.)
 */
export const orderMailSubscriptions = (
  sequelize: Sequelize,
  notifier: OrderNotifier,
): TopicSubscription<OrderTopic>[] =>
  ORDER_MAILS.map(({ topic, kind }) => ({
    pubsubName: DAPR_COMPONENTS.pubsub,
    topic,
    deadLetterTopic: TOPICS.deadLetter,
    async handle(event) {
      const { orderId, userId } = event.data.data;
      await handleOnce(sequelize, event, () => notifier.notify(kind, orderId, userId));
    },
  }));
