import { z } from 'zod';
import { wholeNumber } from './fields';

/** `?page&pageSize` of every list (shared/api.md: pageSize 1..100), 20 a page unless asked. */
export const pageQueryShape = {
  page: wholeNumber(1, 1_000_000).default(1).describe('Page number, from 1'),
  pageSize: wholeNumber(1, 100).default(20).describe('Items per page'),
};

/** `{ items, page, pageSize, total }`: one page of a list. */
export interface Page<T> {
  items: T[];
  page: number;
  pageSize: number;
  total: number;
}

/** The schema of a `Page` of `item`s. */
export const pageSchema = <T extends z.ZodType>(item: T) =>
  z.object({
    items: z.array(item),
    page: z.number().int(),
    pageSize: z.number().int(),
    total: z.number().int(),
  });
