import { z } from 'zod';

/** Admin catalog bodies (shared/api.md, "Catalog" → Admin), validated before they are forwarded. */
const name = z.string().trim().min(1).max(200);
const description = z.string().max(5000);
const picture = z.string().trim().min(1).max(500);
const priceCents = z.number().int().min(0).max(100_000_000);
const categories = z
  .array(
    z
      .string()
      .trim()
      .regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'must be a lower-case slug'),
  )
  .max(10);

export const createProductBody = z.strictObject({
  name,
  description: description.optional(),
  picture: picture.optional(),
  priceCents,
  currency: z.literal('USD').optional(),
  categories: categories.optional(),
  stock: z.number().int().min(0).max(10_000_000).optional(),
});
export type CreateProductBody = z.infer<typeof createProductBody>;

export const updateProductBody = z
  .strictObject({
    name: name.optional(),
    description: description.optional(),
    picture: picture.optional(),
    priceCents: priceCents.optional(),
    categories: categories.optional(),
  })
  .refine((body) => Object.keys(body).length > 0, 'at least one field is needed');
export type UpdateProductBody = z.infer<typeof updateProductBody>;

export const setStockBody = z.strictObject({ stock: z.number().int().min(0).max(10_000_000) });
