import { z } from 'zod';

/** The public catalog contract (shared/api.md, "Catalog"), validated before anything is forwarded. */
export interface Product {
  id: string;
  name: string;
  description: string;
  picture: string;
  priceCents: number;
  currency: string;
  categories: string[];
  stock: number;
}

export interface Page<T> {
  items: T[];
  page: number;
  pageSize: number;
  total: number;
}

const CATALOG_SORTS = ['name', '-name', 'price', '-price', '-createdAt'] as const;

const wholeNumber = (min: number, max: number) =>
  z
    .string()
    .regex(/^\d{1,9}$/, 'must be a whole number')
    .transform(Number)
    .pipe(z.number().int().min(min).max(max));

export const catalogQuerySchema = z.object({
  page: wholeNumber(1, 1_000_000).optional(),
  pageSize: wholeNumber(1, 100).optional(),
  category: z.string().trim().min(1).max(64).optional(),
  q: z.string().max(200).optional(),
  sort: z.enum(CATALOG_SORTS).optional(),
});
export type CatalogQuery = z.infer<typeof catalogQuerySchema>;

export const productIdParams = z.object({
  id: z.string().regex(/^[A-Za-z0-9-]{1,64}$/, 'must be a product id'),
});
