import type { Migration } from '@gomall/kit/db';
import { DataTypes } from 'sequelize';

export const createCheckout: Migration = {
  name: '0001-create-checkout',
  async up({ context: sequelize }) {
    const q = sequelize.getQueryInterface();
    // One row per checkout attempt, written before the first step acts and after every step.
    await q.createTable('checkout_sagas', {
      id: { type: DataTypes.CHAR(36), primaryKey: true },
      user_id: { type: DataTypes.STRING(64), allowNull: false },
      status: { type: DataTypes.STRING(16), allowNull: false },
      step_index: { type: DataTypes.TINYINT.UNSIGNED, allowNull: false },
      data: { type: DataTypes.TEXT('medium'), allowNull: false },
      failure: { type: DataTypes.TEXT, allowNull: true },
      owner: { type: DataTypes.CHAR(36), allowNull: false },
      lease_until: { type: DataTypes.DATE(3), allowNull: false },
      created_at: { type: DataTypes.DATE(3), allowNull: false },
      updated_at: { type: DataTypes.DATE(3), allowNull: false },
    });
    await q.addIndex('checkout_sagas', ['status', 'lease_until']);
    // The primary key is what makes one request of many duplicates the single runner.
    await q.createTable('checkout_idempotency', {
      user_id: { type: DataTypes.STRING(64), primaryKey: true },
      idempotency_key: { type: DataTypes.STRING(255), primaryKey: true },
      request_hash: { type: DataTypes.CHAR(64), allowNull: false },
      saga_id: { type: DataTypes.CHAR(36), allowNull: false },
      response_status: { type: DataTypes.SMALLINT.UNSIGNED, allowNull: true },
      response_body: { type: DataTypes.TEXT('medium'), allowNull: true },
      created_at: { type: DataTypes.DATE(3), allowNull: false },
      updated_at: { type: DataTypes.DATE(3), allowNull: false },
    });
    await q.addIndex('checkout_idempotency', ['saga_id']);
  },
  async down({ context: sequelize }) {
    const q = sequelize.getQueryInterface();
    await q.dropTable('checkout_idempotency');
    await q.dropTable('checkout_sagas');
  },
};
