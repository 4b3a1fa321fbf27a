import type { Migration } from '@gomall/kit/db';
import { DataTypes } from 'sequelize';

/**
 * A cancelled order recorded for a checkout that was rolled back before its order was created:
 * the id is then taken, so a late create-order of that checkout meets a cancelled order instead of
 * creating a pending one. Placeholders have no lines and are never shown to the shopper.
 */
export const orderPlaceholders: Migration = {
  name: '0003-order-placeholders',
  async up({ context: sequelize }) {
    await sequelize.getQueryInterface().addColumn('orders', 'placeholder', {
      type: DataTypes.BOOLEAN,
      allowNull: false,
      defaultValue: false,
    });
  },
  async down({ context: sequelize }) {
    await sequelize.getQueryInterface().removeColumn('orders', 'placeholder');
  },
};
