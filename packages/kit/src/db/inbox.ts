import { DataTypes, UniqueConstraintError, type Sequelize, type Transaction } from 'sequelize';
import type { Migration } from './database';

export const INBOX_TABLE = 'inbox_events';

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
          [{ event_id: event.id, topic: event.topic, handled_at: new Date() }],
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
