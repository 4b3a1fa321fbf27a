import { randomUUID } from 'node:crypto';
import { Op, QueryTypes, type Sequelize, type Transaction, type WhereOptions } from 'sequelize';
import type { CreateProduct, UpdateProduct } from '../domain/admin-catalog';
import {
  availableStock,
  likePattern,
  orderFor,
  type ListQuery,
  type Page,
  type Product,
} from '../domain/catalog';
import type { CatalogModels, ProductRow } from './models';

export interface CategoryCount {
  name: string;
  productCount: number;
}

export class ProductRepository {
  constructor(
    private readonly sequelize: Sequelize,
    private readonly models: CatalogModels,
  ) {}

  async list(query: ListQuery): Promise<Page<Product>> {
    const where: WhereOptions<ProductRow> = {};
    const conditions: WhereOptions<ProductRow>[] = [];
    if (query.q !== undefined && query.q !== '') {
      const pattern = likePattern(query.q);
      conditions.push({
        [Op.or]: [{ name: { [Op.like]: pattern } }, { description: { [Op.like]: pattern } }],
      });
    }
    if (query.category !== undefined) {
      const ids = await this.models.ProductCategory.findAll({
        attributes: ['productId'],
        where: { category: query.category },
      });
      conditions.push({ id: { [Op.in]: ids.map((row) => row.productId) } });
    }
    if (conditions.length > 0) Object.assign(where, { [Op.and]: conditions });

    const { rows, count } = await this.models.Product.findAndCountAll({
      where,
      order: orderFor(query.sort),
      limit: query.pageSize,
      offset: (query.page - 1) * query.pageSize,
    });
    const categories = await this.categoriesOf(rows.map((row) => row.id));
    return {
      items: rows.map((row) => toProduct(row, categories.get(row.id) ?? [])),
      page: query.page,
      pageSize: query.pageSize,
      total: count,
    };
  }

  async get(id: string): Promise<Product | undefined> {
    const row = await this.models.Product.findByPk(id);
    if (!row) return undefined;
    const categories = await this.categoriesOf([id]);
    return toProduct(row, categories.get(id) ?? []);
  }

  /** The products among `ids` that exist (deleted and unknown ones are left out). */
  async lookup(ids: string[]): Promise<Product[]> {
    const rows = await this.models.Product.findAll({
      where: { id: { [Op.in]: [...new Set(ids)] } },
      order: [['id', 'ASC']],
    });
    const categories = await this.categoriesOf(rows.map((row) => row.id));
    return rows.map((row) => toProduct(row, categories.get(row.id) ?? []));
  }

  async create(input: CreateProduct): Promise<Product> {
    const id = randomUUID();
    await this.sequelize.transaction(async (transaction) => {
      await this.models.Product.create(
        {
          id,
          name: input.name,
          description: input.description,
          picture: input.picture,
          priceCents: input.priceCents,
          currency: input.currency,
          stockOnHand: input.stock,
          unitsReceived: input.stock,
        },
        { transaction },
      );
      await this.replaceCategories(id, input.categories, transaction);
    });
    return (await this.get(id))!;
  }

  /** Changes the given fields; stock has its own endpoint because it must respect reservations. */
  async update(id: string, changes: UpdateProduct): Promise<Product | undefined> {
    const found = await this.sequelize.transaction(async (transaction) => {
      const row = await this.models.Product.findByPk(id, {
        transaction,
        lock: transaction.LOCK.UPDATE,
      });
      if (!row) return false;
      const { categories, ...fields } = changes;
      if (Object.keys(fields).length > 0) await row.update(fields, { transaction });
      if (categories) await this.replaceCategories(id, categories, transaction);
      return true;
    });
    return found ? this.get(id) : undefined;
  }

  /** A soft delete: the row stays for existing orders' history but leaves the catalog. */
  async softDelete(id: string): Promise<boolean> {
    const deleted = await this.models.Product.destroy({ where: { id } });
    return deleted > 0;
  }

  async categories(): Promise<CategoryCount[]> {
    const rows = await this.sequelize.query<{ name: string; productCount: number | string }>(
      `SELECT pc.category AS name, COUNT(*) AS productCount
         FROM product_categories pc
         JOIN products p ON p.id = pc.product_id AND p.deleted_at IS NULL
        GROUP BY pc.category
        ORDER BY pc.category`,
      { type: QueryTypes.SELECT },
    );
    return rows.map((row) => ({ name: row.name, productCount: Number(row.productCount) }));
  }

  private async replaceCategories(id: string, categories: string[], transaction: Transaction) {
    await this.models.ProductCategory.destroy({ where: { productId: id }, transaction });
    if (categories.length === 0) return;
    await this.models.ProductCategory.bulkCreate(
      categories.map((category) => ({ productId: id, category })),
      { transaction },
    );
  }

  private async categoriesOf(ids: string[]): Promise<Map<string, string[]>> {
    const byProduct = new Map<string, string[]>();
    if (ids.length === 0) return byProduct;
    const rows = await this.models.ProductCategory.findAll({
      where: { productId: { [Op.in]: ids } },
      order: [['category', 'ASC']],
    });
    for (const row of rows) {
      const list = byProduct.get(row.productId) ?? [];
      list.push(row.category);
      byProduct.set(row.productId, list);
    }
    return byProduct;
  }
}

function toProduct(row: ProductRow, categories: string[]): Product {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    picture: row.picture,
    priceCents: row.priceCents,
    currency: row.currency,
    categories,
    stock: availableStock(row.stockOnHand, row.stockReserved),
  };
}
