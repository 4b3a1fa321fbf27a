import { randomUUID } from 'node:crypto';
import type { Transaction } from 'sequelize';
import type { OutboxRow } from './models';

export interface PendingEvent {
  id: string;
  topic: string;
  data: unknown;
}

/** What the relay needs from the outbox (an interface, so the relay is testable on its own). */
export interface OutboxStore {
  pending(limit: number): Promise<PendingEvent[]>;
  markPublished(id: string): Promise<void>;
}

/**
 * Events recorded in the transaction of the change they announce, so a user is never created or
 * deleted without its event, even when pub/sub is down at that moment; the relay publishes them.
 */
export class Outbox implements OutboxStore {
  constructor(private readonly Outbox: typeof OutboxRow) {}

  async add(topic: string, data: unknown, transaction: Transaction): Promise<void> {
    await this.Outbox.create(
      { id: randomUUID(), topic, payload: JSON.stringify(data) },
      { transaction },
    );
  }

  async pending(limit: number): Promise<PendingEvent[]> {
    const rows = await this.Outbox.findAll({
      where: { publishedAt: null },
      order: [['createdAt', 'ASC']],
      limit,
    });
    return rows.map((row) => ({
      id: row.id,
      topic: row.topic,
      data: JSON.parse(row.payload) as unknown,
    }));
  }

  async markPublished(id: string): Promise<void> {
    await this.Outbox.update({ publishedAt: new Date() }, { where: { id } });
  }
}
