import {
  DataTypes,
  QueryTypes,
  UniqueConstraintError,
  type Sequelize,
  type Transaction,
} from 'sequelize';
import type { Migration } from './database';

const INBOX_TABLE = 'inbox_events';

/** Add to a service's migrations to let its subscribers skip events they have already handled. */
export const createInboxTable = (name = '0000-create-inbox'): Migration => ({
  name,
  async up({ context: sequelize }) {
    await sequelize.getQueryInterface().createTable(INBOX_TABLE, {
      event_id: { type: DataTypes.STRING(128), primaryKey: true },
      topic: { type: DataTypes.STRING(128), allowNull: false },
      handled_at: { type: DataTypes.DATE(3), allowNull: false },
    });
  },
  async down({ context: sequelize }) {
    await sequelize.getQueryInterface().dropTable(INBOX_TABLE);
  },
});

/** Add after createInboxTable: lets pruneInbox find old ids without reading the whole table. */
export const indexInboxByAge = (name: string): Migration => ({
  name,
  async up({ context: sequelize }) {
    await sequelize.getQueryInterface().addIndex(INBOX_TABLE, ['handled_at'], {
      name: 'inbox_events_handled_at',
    });
  },
  async down({ context: sequelize }) {
    await sequelize.getQueryInterface().removeIndex(INBOX_TABLE, 'inbox_events_handled_at');
  },
});

/**
 * Forgets ids handled more than `retentionMs` ago (database time), 1000 at a time. The retention
 * must exceed the longest a redelivery can come late (daprd's retries, a broker's redelivery).
 */
export function pruneInbox(sequelize: Sequelize, retentionMs: number): Promise<number> {
  return sequelize.query(
    `DELETE FROM ${INBOX_TABLE}
      WHERE handled_at < NOW(3) - INTERVAL :seconds SECOND ORDER BY handled_at LIMIT 1000`,
    { replacements: { seconds: retentionMs / 1000 }, type: QueryTypes.BULKDELETE },
  );
}

/**
 * Runs `handle` once per event id: the id is recorded in the same transaction as the handler's
 * writes, so a redelivered event (at-least-once pub/sub) is skipped, and a crash mid-way leaves
 * neither the writes nor the record. Returns false when the event had been handled before.
 */
export async function handleOnce(
  sequelize: Sequelize,
  event: { id: string; topic: string },
  handle: (transaction: Transaction) => Promise<void>,
): Promise<boolean> {
  try {
    await sequelize.transaction(async (transaction) => {
      await sequelize
        .getQueryInterface()
        .bulkInsert(
          INBOX_TABLE,
          [{ event_id: event.id, topic: event.topic, handled_at: sequelize.fn('NOW', 3) }],
          { transaction },
        );
      await handle(transaction);
    });
    return true;
  } catch (error) {
    if (error instanceof UniqueConstraintError) return false;
    throw error;
  }
}
