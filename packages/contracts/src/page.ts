import { wholeNumber } from './fields';

/** `?page&pageSize` of every list (shared/api.md: pageSize 1..100); each list adds its defaults. */
export const pageQueryShape = {
  page: wholeNumber(1, 1_000_000),
  pageSize: wholeNumber(1, 100),
};

/** `{ items, page, pageSize, total }`: one page of a list. */
export interface Page<T> {
  items: T[];
  page: number;
  pageSize: number;
  total: number;
}
