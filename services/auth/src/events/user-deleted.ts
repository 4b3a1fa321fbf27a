import { DAPR_COMPONENTS, TOPICS, type TopicSubscription } from '@gomall/kit';
import { userEventPayload as userDeletedPayload } from '@gomall/contracts';
import type { Sessions } from '../domain/sessions';

/**
 * A deleted user's logins are revoked. The gateway already does this synchronously before the
 * account goes; this subscriber covers a deletion that reached the user service another way.
 * Revoking is naturally idempotent, so a redelivered event does no harm.
 */
export const userDeletedSubscription = (
  sessions: Sessions,
): TopicSubscription<typeof userDeletedPayload> => ({
  pubsubName: DAPR_COMPONENTS.pubsub,
  topic: TOPICS.userDeleted,
  deadLetterTopic: TOPICS.deadLetter,
  schema: userDeletedPayload,
  handle: (event) => sessions.revokeUser(event.data.data.userId),
});
