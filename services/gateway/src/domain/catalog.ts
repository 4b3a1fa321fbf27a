import { idOf, pageQueryShape } from '@gomall/contracts';
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

const CATALOG_SORTS = ['name', '-name', 'price', '-price', '-createdAt'] as const;

export const catalogQuerySchema = z.object({
  page: pageQueryShape.page.optional(),
  pageSize: pageQueryShape.pageSize.optional(),
  category: z.string().trim().min(1).max(64).optional(),
  q: z.string().max(200).optional(),
  sort: z.enum(CATALOG_SORTS).optional(),
});
export type CatalogQuery = z.infer<typeof catalogQuerySchema>;

export const productIdParams = z.object({
  id: idOf('a product id'),
});
