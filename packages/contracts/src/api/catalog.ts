import { z } from 'zod';
import { idOf, text } from '../fields';
import { pageQueryShape, pageSchema } from '../page';

/** The catalog (shared/api.md, "Catalog"): the public reads and the admins' writes. */

/** A product as the API shows it: `stock` is what can still be bought (on hand − reserved). */
export const productSchema = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  picture: z.string(),
  priceCents: z.number().int().min(0),
  currency: z.string(),
  categories: z.array(z.string()),
  stock: z.number().int().min(0),
});
export type Product = z.infer<typeof productSchema>;

/** 200 of `GET /products`: a page of the catalog. */
export const productPageSchema = pageSchema(productSchema).meta({ id: 'ProductPage' });

const categorySchema = z.object({ name: z.string(), productCount: z.number().int() });
export type Category = z.infer<typeof categorySchema>;

export const categoryListSchema = z.object({ items: z.array(categorySchema) });

const CATALOG_SORTS = ['name', '-name', 'price', '-price', '-createdAt'] as const;
export type CatalogSort = (typeof CATALOG_SORTS)[number];

/** `GET /products`: a page of the catalog, by name unless `sort` says otherwise. */
export const catalogQuerySchema = z.object({
  ...pageQueryShape,
  category: z.string().trim().min(1).max(64).optional(),
  q: z.string().max(200).optional(),
  sort: z.enum(CATALOG_SORTS).default('name'),
});
export type CatalogQuery = z.infer<typeof catalogQuerySchema>;

export const productIdParamsSchema = z.object({ id: idOf('a product id') });

const productName = text(200);
const description = z.string().max(5000);
const picture = text(500);
const priceCents = z.number().int().min(0).max(100_000_000);
const stock = z.number().int().min(0).max(10_000_000);
/** Lower-case slugs; a repeated one counts once. */
const categories = z
  .array(
    z
      .string()
      .trim()
      .regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'must be a lower-case slug'),
  )
  .max(10)
  .transform((list) => [...new Set(list)]);

/** The picture a product shows until an admin gives it one. */
const PLACEHOLDER_PICTURE = '/images/products/placeholder.jpg';

/** `POST /admin/products`; what is left out takes the default shown. */
export const createProductBodySchema = z.strictObject({
  name: productName,
  description: description.default(''),
  picture: picture.default(PLACEHOLDER_PICTURE),
  priceCents,
  currency: z.literal('USD').default('USD'),
  categories: categories.default([]),
  stock: stock.default(0),
});
/** The body as the product service stores it (defaults filled in). */
export type CreateProductBody = z.infer<typeof createProductBodySchema>;
/** The body as a client may send it. */
export type CreateProductInput = z.input<typeof createProductBodySchema>;

/** `PATCH /admin/products/:id`: only the fields given change (stock has its own endpoint). */
export const updateProductBodySchema = z
  .strictObject({
    name: productName.optional(),
    description: description.optional(),
    picture: picture.optional(),
    priceCents: priceCents.optional(),
    categories: categories.optional(),
  })
  .refine((body) => Object.keys(body).length > 0, 'at least one field is needed');
export type UpdateProductBody = z.infer<typeof updateProductBodySchema>;

/** `PUT /admin/products/:id/stock`: the count on hand. */
export const setStockBodySchema = z.strictObject({ stock });
