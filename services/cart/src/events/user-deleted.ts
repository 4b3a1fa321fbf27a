import { TOPICS } from '@gomall/contracts';
import { DAPR_COMPONENTS, type TopicSubscription } from '@gomall/kit';
import type { CartStore } from '../data/cart-store';

/** A deleted account leaves no cart behind. Deleting is naturally idempotent, so no inbox is needed. */
export function userDeletedSubscription(carts: CartStore): TopicSubscription<'user.deleted'> {
  return {
    pubsubName: DAPR_COMPONENTS.pubsub,
    topic: TOPICS.userDeleted,
    deadLetterTopic: TOPICS.deadLetter,
    handle: (event) => carts.clear(event.data.data.userId),
  };
}
