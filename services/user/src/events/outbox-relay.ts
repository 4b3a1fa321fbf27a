import type { Logger } from '@gomall/kit';
import type { OutboxStore } from '../data/outbox';

export interface Publisher {
  publish(topic: string, data: unknown): Promise<void>;
}

const BATCH = 100;

/**
 * Publishes the outbox: right after each change (`nudge`) and on a timer, so events written while
 * pub/sub was unreachable go out once it is back. Delivery is at least once — a crash between
 * publish and mark, or two replicas relaying together, can repeat an event — which the
 * subscribers absorb (they are idempotent). Events go out in the order they were written.
 */
export class OutboxRelay {
  private running: Promise<void> | undefined;
  private again = false;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly outbox: OutboxStore,
    private readonly publisher: Publisher,
    private readonly logger: Logger,
  ) {}

  start(intervalMs: number): void {
    this.timer = setInterval(() => void this.nudge(), intervalMs);
    this.timer.unref();
    void this.nudge();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  /** Starts a flush, or asks the running one to go round once more. Never throws. */
  nudge(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      do {
        this.again = false;
        await this.flush();
      } while (this.again);
    })().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  private async flush(): Promise<void> {
    try {
      for (;;) {
        const events = await this.outbox.pending(BATCH);
        for (const event of events) {
          await this.publisher.publish(event.topic, event.data);
          await this.outbox.markPublished(event.id);
        }
        if (events.length < BATCH) return;
      }
    } catch (error) {
      // Stops at the first failure to keep the order; the timer tries again.
      this.logger.warn({ err: error }, 'outbox relay: publish failed, will retry');
    }
  }
}
