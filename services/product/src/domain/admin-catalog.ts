import { z } from 'zod';

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
  .max(10)
  .transform((list) => [...new Set(list)]);

const DEFAULT_PICTURE = '/images/products/placeholder.jpg';

export const createProductBodySchema = z.strictObject({
  name,
  description: description.default(''),
  picture: picture.default(DEFAULT_PICTURE),
  priceCents,
  currency: z.literal('USD').default('USD'),
  categories: categories.default([]),
  stock: z.number().int().min(0).max(10_000_000).default(0),
});
export type CreateProduct = z.infer<typeof createProductBodySchema>;

export const updateProductBodySchema = z
  .strictObject({
    name: name.optional(),
    description: description.optional(),
    picture: picture.optional(),
    priceCents: priceCents.optional(),
    categories: categories.optional(),
  })
  .refine((body) => Object.keys(body).length > 0, 'at least one field is needed');
export type UpdateProduct = z.infer<typeof updateProductBodySchema>;

export const lookupBodySchema = z.strictObject({
  ids: z
    .array(z.string().regex(/^[A-Za-z0-9-]{1,64}$/, 'must be a product id'))
    .min(1)
    .max(100),
});
