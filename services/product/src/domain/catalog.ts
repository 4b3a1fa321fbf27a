import { z } from 'zod';

/** A product as the public API shows it: `stock` is what can still be bought (on hand − reserved). */
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

const SORTS = ['name', '-name', 'price', '-price', '-createdAt'] as const;
export type Sort = (typeof SORTS)[number];

// Query values arrive as strings; only plain decimal integers are accepted ("1e3", "1.5", " 2" are not).
const positiveInt = (max: number) =>
  z
    .string()
    .regex(/^\d{1,9}$/, 'must be a whole number')
    .transform(Number)
    .pipe(z.number().int().min(1).max(max));

export const listQuerySchema = z.object({
  page: positiveInt(1_000_000).default(1),
  pageSize: positiveInt(100).default(20),
  category: z.string().trim().min(1).max(64).optional(),
  q: z.string().max(200).optional(),
  sort: z.enum(SORTS).default('name'),
});
export type ListQuery = z.infer<typeof listQuerySchema>;

export const productIdSchema = z.object({ id: z.string().min(1).max(64) });

/**
 * `q` is a literal substring: LIKE's own wildcards and its escape character are escaped, so a
 * shopper searching for "100%" or "snake_case" finds exactly that.
 */
export function likePattern(q: string): string {
  return `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** Column order for each public sort; `id` breaks ties so pages never overlap or skip. */
export function orderFor(sort: Sort): Array<[string, 'ASC' | 'DESC']> {
  switch (sort) {
    case 'name':
      return [
        ['name', 'ASC'],
        ['id', 'ASC'],
      ];
    case '-name':
      return [
        ['name', 'DESC'],
        ['id', 'ASC'],
      ];
    case 'price':
      return [
        ['priceCents', 'ASC'],
        ['id', 'ASC'],
      ];
    case '-price':
      return [
        ['priceCents', 'DESC'],
        ['id', 'ASC'],
      ];
    case '-createdAt':
      return [
        ['createdAt', 'DESC'],
        ['id', 'ASC'],
      ];
  }
}

export const availableStock = (onHand: number, reserved: number): number =>
  Math.max(0, onHand - reserved);
