import type { CatalogSort } from '@gomall/contracts';
import { z } from 'zod';

/** `POST /products/lookup`: several products at once for the cart, checkout and order services. */
export const lookupBodySchema = z.strictObject({
  ids: z
    .array(z.string().regex(/^[A-Za-z0-9-]{1,64}$/, 'must be a product id'))
    .min(1)
    .max(100),
});

/**
 * `q` is a literal substring: LIKE's own wildcards and its escape character are escaped, so a
 * shopper searching for "100%" or "snake_case" finds exactly that.
 */
export function likePattern(q: string): string {
  return `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** Column order for each public sort; `id` breaks ties so pages never overlap or skip. */
export function orderFor(sort: CatalogSort): Array<[string, 'ASC' | 'DESC']> {
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
