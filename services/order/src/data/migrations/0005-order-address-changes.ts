import type { Migration } from '@gomall/kit/db';
import { DataTypes } from 'sequelize';

/** Every change of an order's shipping address, who made it and when (the order's history). */
export const orderAddressChanges: Migration = {
  name: '0005-order-address-changes',
  async up({ context: sequelize }) {
    const q = sequelize.getQueryInterface();
    await q.createTable('order_address_changes', {
      id: { type: DataTypes.BIGINT.UNSIGNED, autoIncrement: true, primaryKey: true },
      order_id: { type: DataTypes.STRING(64), allowNull: false },
      changed_by: { type: DataTypes.STRING(64), allowNull: false },
      by_admin: { type: DataTypes.BOOLEAN, allowNull: false },
      old_address: { type: DataTypes.JSON, allowNull: false },
      new_address: { type: DataTypes.JSON, allowNull: false },
      changed_at: { type: DataTypes.DATE(3), allowNull: false },
    });
    await q.addIndex('order_address_changes', ['order_id', 'changed_at']);
    // The admin search (status, created_at) uses the index 0001 made for the sweep.
  },
  async down({ context: sequelize }) {
    await sequelize.getQueryInterface().dropTable('order_address_changes');
  },
};
