import type { Migration } from '@gomall/kit/db';
import { DataTypes } from 'sequelize';

/** Events written in the same transaction as the change they announce (now the kit's Outbox). */
export const createOutbox: Migration = {
  name: '0002-create-outbox',
  async up({ context: sequelize }) {
    const q = sequelize.getQueryInterface();
    await q.createTable('outbox_events', {
      id: { type: DataTypes.CHAR(36), primaryKey: true },
      topic: { type: DataTypes.STRING(128), allowNull: false },
      payload: { type: DataTypes.TEXT, allowNull: false },
      created_at: { type: DataTypes.DATE(3), allowNull: false },
      published_at: { type: DataTypes.DATE(3), allowNull: true },
    });
    await q.addIndex('outbox_events', ['published_at', 'created_at']);
  },
  async down({ context: sequelize }) {
    await sequelize.getQueryInterface().dropTable('outbox_events');
  },
};
