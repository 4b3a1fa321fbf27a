import type { Migration } from '@gomall/kit/db';
import { DataTypes } from 'sequelize';

export const createCatalog: Migration = {
  name: '0001-create-catalog',
  async up({ context: sequelize }) {
    const q = sequelize.getQueryInterface();
    await q.createTable('products', {
      id: { type: DataTypes.CHAR(36), primaryKey: true },
      name: { type: DataTypes.STRING(200), allowNull: false },
      description: { type: DataTypes.TEXT, allowNull: false },
      picture: { type: DataTypes.STRING(500), allowNull: false },
      price_cents: { type: DataTypes.INTEGER.UNSIGNED, allowNull: false },
      currency: { type: DataTypes.CHAR(3), allowNull: false },
      stock_on_hand: { type: DataTypes.INTEGER.UNSIGNED, allowNull: false },
      stock_reserved: { type: DataTypes.INTEGER.UNSIGNED, allowNull: false, defaultValue: 0 },
      created_at: { type: DataTypes.DATE(3), allowNull: false },
      updated_at: { type: DataTypes.DATE(3), allowNull: false },
      deleted_at: { type: DataTypes.DATE(3), allowNull: true },
    });
    // The database itself refuses a state where more is reserved than is on hand.
    await sequelize.query(
      'ALTER TABLE products ADD CONSTRAINT products_reserved_within_on_hand CHECK (stock_reserved <= stock_on_hand)',
    );
    await q.addIndex('products', ['name']);
    await q.addIndex('products', ['price_cents']);
    await q.addIndex('products', ['created_at']);
    await q.createTable('product_categories', {
      product_id: {
        type: DataTypes.CHAR(36),
        primaryKey: true,
        references: { model: 'products', key: 'id' },
        onDelete: 'CASCADE',
      },
      category: { type: DataTypes.STRING(64), primaryKey: true },
    });
    await q.addIndex('product_categories', ['category']);
  },
  async down({ context: sequelize }) {
    const q = sequelize.getQueryInterface();
    await q.dropTable('product_categories');
    await q.dropTable('products');
  },
};
