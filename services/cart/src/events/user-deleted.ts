import { DAPR_COMPONENTS, TOPICS, type TopicSubscription } from '@gomall/kit';
import { userEventPayload as userDeletedSchema } from '@gomall/contracts';
import type { CartStore } from '../data/cart-store';

/** A deleted account leaves no cart behind. Deleting is naturally idempotent, so no inbox is needed. */
export function userDeletedSubscription(
  carts: CartStore,
): TopicSubscription<typeof userDeletedSchema> {
  return {
    pubsubName: DAPR_COMPONENTS.pubsub,
    topic: TOPICS.userDeleted,
    deadLetterTopic: TOPICS.deadLetter,
    schema: userDeletedSchema,
    handle: (event) => carts.clear(event.data.data.userId),
  };
}
