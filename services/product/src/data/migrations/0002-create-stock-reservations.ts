import type { Migration } from '@gomall/kit/db';
import { DataTypes } from 'sequelize';

/**
 * One row per (order, product): the primary key makes a reservation idempotent per order, and the
 * name and unit price are snapshotted so a replayed answer is the first answer.
 */
export const createStockReservations: Migration = {
  name: '0002-create-stock-reservations',
  async up({ context: sequelize }) {
    const q = sequelize.getQueryInterface();
    await q.createTable('stock_reservations', {
      order_id: { type: DataTypes.STRING(64), primaryKey: true },
      product_id: { type: DataTypes.CHAR(36), primaryKey: true },
      quantity: { type: DataTypes.INTEGER.UNSIGNED, allowNull: false },
      name: { type: DataTypes.STRING(200), allowNull: false },
      unit_price_cents: { type: DataTypes.INTEGER.UNSIGNED, allowNull: false },
      status: { type: DataTypes.ENUM('reserved', 'committed', 'released'), allowNull: false },
      created_at: { type: DataTypes.DATE(3), allowNull: false },
      updated_at: { type: DataTypes.DATE(3), allowNull: false },
    });
    await q.addIndex('stock_reservations', ['product_id']);
  },
  async down({ context: sequelize }) {
    await sequelize.getQueryInterface().dropTable('stock_reservations');
  },
};
