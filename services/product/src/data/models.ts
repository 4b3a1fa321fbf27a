import {
  DataTypes,
  Model,
  type CreationOptional,
  type InferAttributes,
  type InferCreationAttributes,
  type Sequelize,
} from 'sequelize';

export class ProductRow extends Model<
  InferAttributes<ProductRow>,
  InferCreationAttributes<ProductRow>
> {
  declare id: string;
  declare name: string;
  declare description: string;
  declare picture: string;
  declare priceCents: number;
  declare currency: string;
  /** Units physically on hand; `stockReserved` of them are held for unpaid orders. */
  declare stockOnHand: number;
  declare stockReserved: CreationOptional<number>;
  /** The stock ledger: units ever received (net of admin corrections), sold, and returned. */
  declare unitsReceived: CreationOptional<number>;
  declare unitsSold: CreationOptional<number>;
  declare unitsReturned: CreationOptional<number>;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;
  declare deletedAt: CreationOptional<Date | null>;
}

class ProductCategoryRow extends Model<
  InferAttributes<ProductCategoryRow>,
  InferCreationAttributes<ProductCategoryRow>
> {
  declare productId: string;
  declare category: string;
}

export interface CatalogModels {
  Product: typeof ProductRow;
  ProductCategory: typeof ProductCategoryRow;
}

export function defineModels(sequelize: Sequelize): CatalogModels {
  ProductRow.init(
    {
      id: { type: DataTypes.CHAR(36), primaryKey: true },
      name: { type: DataTypes.STRING(200), allowNull: false },
      description: { type: DataTypes.TEXT, allowNull: false },
      picture: { type: DataTypes.STRING(500), allowNull: false },
      priceCents: { type: DataTypes.INTEGER.UNSIGNED, allowNull: false },
      currency: { type: DataTypes.CHAR(3), allowNull: false },
      stockOnHand: { type: DataTypes.INTEGER.UNSIGNED, allowNull: false },
      stockReserved: { type: DataTypes.INTEGER.UNSIGNED, allowNull: false, defaultValue: 0 },
      unitsReceived: { type: DataTypes.BIGINT, allowNull: false, defaultValue: 0 },
      unitsSold: { type: DataTypes.BIGINT, allowNull: false, defaultValue: 0 },
      unitsReturned: { type: DataTypes.BIGINT, allowNull: false, defaultValue: 0 },
      createdAt: DataTypes.DATE(3),
      updatedAt: DataTypes.DATE(3),
      deletedAt: DataTypes.DATE(3),
    },
    { sequelize, tableName: 'products', paranoid: true },
  );
  ProductCategoryRow.init(
    {
      productId: { type: DataTypes.CHAR(36), primaryKey: true },
      category: { type: DataTypes.STRING(64), primaryKey: true },
    },
    { sequelize, tableName: 'product_categories', timestamps: false },
  );
  return { Product: ProductRow, ProductCategory: ProductCategoryRow };
}
