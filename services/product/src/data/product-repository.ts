import { randomUUID } from 'node:crypto';
import { Op, QueryTypes, type Sequelize, type Transaction, type WhereOptions } from 'sequelize';
import type {
  CatalogQuery,
  Category,
  CreateProductBody,
  Page,
  Product,
  UpdateProductBody,
} from '@gomall/contracts';
import { availableStock, batchPage, likePattern, orderFor } from '../domain/catalog';
import type { CatalogModels, ProductRow } from './models';
import { ProductReadCache } from './product-read-cache';

/** Products with their categories (a JSON array, in name order), in one query. */
const PRODUCTS_WITH_CATEGORIES = `
  SELECT p.id, p.name, p.description, p.picture, p.price_cents AS priceCents, p.currency,
         p.stock_on_hand AS stockOnHand, p.stock_reserved AS stockReserved,
         (SELECT JSON_ARRAYAGG(pc.category ORDER BY pc.category)
            FROM product_categories pc WHERE pc.product_id = p.id) AS categories
    FROM products p`;
const PRODUCT_BY_ID = `${PRODUCTS_WITH_CATEGORIES} WHERE p.id = :id AND p.deleted_at IS NULL`;
const PRODUCTS_BY_IDS = `${PRODUCTS_WITH_CATEGORIES} WHERE p.id IN (:ids) AND p.deleted_at IS NULL`;

interface ProductByIdRow {
  id: string;
  name: string;
  description: string;
  picture: string;
  priceCents: number;
  currency: string;
  stockOnHand: number;
  stockReserved: number;
  categories: string | string[] | null;
}

export class ProductRepository {
  constructor(
    private readonly sequelize: Sequelize,
    private readonly models: CatalogModels,
    /** Serves `get()`, `list()` and `categories()`; the writes below empty it (ProductReadCache). */
    readonly cache: ProductReadCache = new ProductReadCache(0),
  ) {}

  /** A page of the catalog, from the read cache when it has it. */
  async list(query: CatalogQuery): Promise<Page<Product>> {
    const key = `list:${JSON.stringify([query.page, query.pageSize, query.category, query.q, query.sort])}`;
    return (await this.cache.get(key, () => this.readPage(query)))!;
  }

  private async readPage(query: CatalogQuery): Promise<Page<Product>> {
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

  /** The catalog's view of one product, from the read cache when it has it. */
  get(id: string): Promise<Product | undefined> {
    return this.cache.get(`product:${id}`, () => this.read(id));
  }

  /** One product straight from the database: one query, no model instances. */
  async read(id: string): Promise<Product | undefined> {
    const [row] = await this.sequelize.query<ProductByIdRow>(PRODUCT_BY_ID, {
      replacements: { id },
      type: QueryTypes.SELECT,
    });
    return row && fromJoinedRow(row);
  }

  /**
   * The batch get: the products among `ids` (1..100) in the order asked, in one query, straight
   * from the database (like lookup(), not through the read cache).
   */
  async batch(ids: string[]): Promise<Page<Product>> {
    const rows = await this.sequelize.query<ProductByIdRow>(PRODUCTS_BY_IDS, {
      replacements: { ids: [...new Set(ids)] },
      type: QueryTypes.SELECT,
    });
    return batchPage(ids, rows.map(fromJoinedRow));
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

  async create(input: CreateProductBody): Promise<Product> {
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
    this.cache.invalidate();
    return (await this.read(id))!;
  }

  /** Changes the given fields; stock has its own endpoint because it must respect reservations. */
  async update(id: string, changes: UpdateProductBody): Promise<Product | undefined> {
    const found = await this.changing(() =>
      this.sequelize.transaction(async (transaction) => {
        const row = await this.models.Product.findByPk(id, {
          transaction,
          lock: transaction.LOCK.UPDATE,
        });
        if (!row) return false;
        const { categories, ...fields } = changes;
        if (Object.keys(fields).length > 0) await row.update(fields, { transaction });
        if (categories) await this.replaceCategories(id, categories, transaction);
        return true;
      }),
    );
    return found ? this.read(id) : undefined;
  }

  /** A soft delete: the row stays for existing orders' history but leaves the catalog. */
  async softDelete(id: string): Promise<boolean> {
    const deleted = await this.changing(() => this.models.Product.destroy({ where: { id } }));
    return deleted > 0;
  }

  /** Runs a write, then empties the read cache (also when the write failed half-way). */
  private async changing<T>(write: () => Promise<T>): Promise<T> {
    try {
      return await write();
    } finally {
      this.cache.invalidate();
    }
  }

  /** Every category with its product count, from the read cache when it has it. */
  async categories(): Promise<Category[]> {
    return (await this.cache.get('categories', () => this.readCategories()))!;
  }

  private async readCategories(): Promise<Category[]> {
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

/** A row of PRODUCTS_WITH_CATEGORIES as the catalog shows it. */
function fromJoinedRow(row: ProductByIdRow): Product {
  // mysql2 hands JSON columns over as text (MariaDB's JSON is LONGTEXT).
  const categories =
    typeof row.categories === 'string'
      ? (JSON.parse(row.categories) as string[])
      : (row.categories ?? []);
  return toProduct(row, categories);
}

function toProduct(
  row: Pick<
    ProductRow,
    | 'id'
    | 'name'
    | 'description'
    | 'picture'
    | 'priceCents'
    | 'currency'
    | 'stockOnHand'
    | 'stockReserved'
  >,
  categories: string[],
): Product {
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
