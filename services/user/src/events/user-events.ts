import { TOPICS, type EventPublisher, type Logger } from '@gomall/kit';

/**
 * user.registered / user.deleted over Dapr pub/sub. Published after the database commit; a failed
 * publish is logged, not retried (no outbox yet), so the HTTP answer reflects what was stored.
 */
export class UserEvents {
  constructor(
    private readonly publisher: EventPublisher,
    private readonly logger: Logger,
  ) {}

  registered(userId: string): Promise<void> {
    return this.publish(TOPICS.userRegistered, { userId });
  }

  deleted(userId: string): Promise<void> {
    return this.publish(TOPICS.userDeleted, { userId });
  }

  private async publish(topic: string, data: { userId: string }): Promise<void> {
    try {
      await this.publisher.publish(topic, data);
    } catch (error) {
      this.logger.error({ err: error, topic, userId: data.userId }, 'event publish failed');
    }
  }
}
