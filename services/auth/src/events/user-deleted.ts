import { TOPICS } from '@gomall/contracts';
import { DAPR_COMPONENTS, type TopicSubscription } from '@gomall/kit';
import type { Sessions } from '../domain/sessions';

/**
 * A deleted user's logins are revoked. The gateway already does this synchronously before the
 * account goes; this subscriber covers a deletion that reached the user service another way.
 * Revoking is naturally idempotent, so a redelivered event does no harm.
 */
export const userDeletedSubscription = (sessions: Sessions): TopicSubscription<'user.deleted'> => ({
  pubsubName: DAPR_COMPONENTS.pubsub,
  topic: TOPICS.userDeleted,
  deadLetterTopic: TOPICS.deadLetter,
  handle: (event) => sessions.revokeUser(event.data.data.userId),
});
