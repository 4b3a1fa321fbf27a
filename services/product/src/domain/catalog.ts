import { productIdList, type CatalogSort, type Page, type Product } from '@gomall/contracts';
import { z } from 'zod';

/** The batch get's query: `ids` and nothing else (the list's parameters do not apply). */
export const batchQuerySchema = z.strictObject({ ids: productIdList });

/**
 * The batch get's answer: one page of the products found, in the order their ids were asked
 * (each id once); unknown and deleted ids are left out.
 */
export function batchPage(ids: string[], found: Product[]): Page<Product> {
  const asked = [...new Set(ids)];
  const byId = new Map(found.map((product) => [product.id, product]));
  const items = asked.flatMap((id) => byId.get(id) ?? []);
  return { items, page: 1, pageSize: asked.length, total: items.length };
}

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
