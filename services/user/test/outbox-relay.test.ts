import { createLogger } from '@gomall/kit';
import type { OutboxStore, PendingEvent } from '../src/data/outbox';
import { OutboxRelay, type Publisher } from '../src/events/outbox-relay';

/** An outbox in memory: the relay's contract with the table is just pending + markPublished. */
class MemoryOutbox implements OutboxStore {
  readonly events: Array<PendingEvent & { published: boolean }> = [];

  add(id: string, topic: string): void {
    this.events.push({ id, topic, data: { userId: id }, published: false });
  }

  pending(limit: number): Promise<PendingEvent[]> {
    return Promise.resolve(this.events.filter((e) => !e.published).slice(0, limit));
  }

  markPublished(id: string): Promise<void> {
    this.events.find((e) => e.id === id)!.published = true;
    return Promise.resolve();
  }
}

class FlakyPublisher implements Publisher {
  readonly sent: string[] = [];
  failuresLeft = 0;

  publish(topic: string, data: unknown): Promise<void> {
    if (this.failuresLeft > 0) {
      this.failuresLeft -= 1;
      return Promise.reject(new Error('pub/sub unreachable'));
    }
    this.sent.push(`${topic}:${(data as { userId: string }).userId}`);
    return Promise.resolve();
  }
}

const logger = createLogger('user-test', 'silent');

describe('OutboxRelay', () => {
  it('publishes pending events in order and marks them', async () => {
    const outbox = new MemoryOutbox();
    const publisher = new FlakyPublisher();
    outbox.add('a', 'user.registered');
    outbox.add('b', 'user.deleted');
    await new OutboxRelay(outbox, publisher, logger).nudge();
    expect(publisher.sent).toEqual(['user.registered:a', 'user.deleted:b']);
    expect(outbox.events.every((e) => e.published)).toBe(true);
  });

  it('keeps what failed for the next round, without skipping ahead', async () => {
    const outbox = new MemoryOutbox();
    const publisher = new FlakyPublisher();
    outbox.add('a', 'user.registered');
    outbox.add('b', 'user.registered');
    publisher.failuresLeft = 1;
    const relay = new OutboxRelay(outbox, publisher, logger);
    await relay.nudge();
    expect(publisher.sent).toEqual([]);
    expect(outbox.events.some((e) => e.published)).toBe(false);
    await relay.nudge();
    expect(publisher.sent).toEqual(['user.registered:a', 'user.registered:b']);
  });

  it('goes round again when nudged during a flush, and never publishes twice', async () => {
    const outbox = new MemoryOutbox();
    const publisher = new FlakyPublisher();
    const relay = new OutboxRelay(outbox, publisher, logger);
    outbox.add('a', 'user.registered');
    const first = relay.nudge();
    outbox.add('b', 'user.registered');
    const second = relay.nudge();
    await Promise.all([first, second]);
    expect(publisher.sent).toEqual(['user.registered:a', 'user.registered:b']);
  });
});
