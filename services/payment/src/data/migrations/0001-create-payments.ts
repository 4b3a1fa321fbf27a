import type { Migration } from '@gomall/kit/db';
import { DataTypes } from 'sequelize';

/**
 * One payment per order (unique `order_id`): a second charge for the same order finds the first.
 * Only brand and last 4 digits of the card are kept; never the number or the CVV.
 */
export const createPayments: Migration = {
  name: '0001-create-payments',
  async up({ context: sequelize }) {
    const q = sequelize.getQueryInterface();
    await q.createTable('payments', {
      id: { type: DataTypes.CHAR(36), primaryKey: true },
      order_id: { type: DataTypes.STRING(64), allowNull: false, unique: true },
      amount_cents: { type: DataTypes.INTEGER.UNSIGNED, allowNull: false },
      currency: { type: DataTypes.CHAR(3), allowNull: false },
      brand: { type: DataTypes.STRING(16), allowNull: false },
      last4: { type: DataTypes.CHAR(4), allowNull: false },
      status: { type: DataTypes.ENUM('succeeded', 'failed', 'refunded'), allowNull: false },
      created_at: { type: DataTypes.DATE(3), allowNull: false },
      updated_at: { type: DataTypes.DATE(3), allowNull: false },
    });
  },
  async down({ context: sequelize }) {
    await sequelize.getQueryInterface().dropTable('payments');
  },
};
