import type { Migration } from '@gomall/kit/db';
import { DataTypes } from 'sequelize';

/**
 * Orders and their lines. The id is chosen by the checkout saga, so creating an order is
 * idempotent; lines snapshot name and unit price so later catalog changes never rewrite history.
 */
export const createOrders: Migration = {
  name: '0001-create-orders',
  async up({ context: sequelize }) {
    const q = sequelize.getQueryInterface();
    await q.createTable('orders', {
      id: { type: DataTypes.STRING(64), primaryKey: true },
      user_id: { type: DataTypes.STRING(64), allowNull: false },
      status: {
        type: DataTypes.ENUM('pending', 'paid', 'shipped', 'cancelled', 'refunded'),
        allowNull: false,
      },
      total_cents: { type: DataTypes.INTEGER.UNSIGNED, allowNull: false },
      currency: { type: DataTypes.CHAR(3), allowNull: false },
      address: { type: DataTypes.JSON, allowNull: false },
      email: { type: DataTypes.STRING(254), allowNull: true },
      payment_id: { type: DataTypes.STRING(64), allowNull: true },
      cancel_reason: { type: DataTypes.STRING(200), allowNull: true },
      created_at: { type: DataTypes.DATE(3), allowNull: false },
      updated_at: { type: DataTypes.DATE(3), allowNull: false },
    });
    await q.addIndex('orders', ['user_id', 'created_at']);
    // The reservation sweep looks for old pending orders.
    await q.addIndex('orders', ['status', 'created_at']);
    await q.createTable('order_items', {
      order_id: {
        type: DataTypes.STRING(64),
        primaryKey: true,
        references: { model: 'orders', key: 'id' },
        onDelete: 'CASCADE',
      },
      line_no: { type: DataTypes.SMALLINT.UNSIGNED, primaryKey: true },
      product_id: { type: DataTypes.STRING(64), allowNull: false },
      name: { type: DataTypes.STRING(200), allowNull: false },
      quantity: { type: DataTypes.INTEGER.UNSIGNED, allowNull: false },
      unit_price_cents: { type: DataTypes.INTEGER.UNSIGNED, allowNull: false },
    });
  },
  async down({ context: sequelize }) {
    const q = sequelize.getQueryInterface();
    await q.dropTable('order_items');
    await q.dropTable('orders');
  },
};
