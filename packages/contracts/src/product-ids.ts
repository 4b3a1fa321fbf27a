import { z } from 'zod';
import { idOf } from './fields';

/** How many products one batch get may name. */
const MAX_BATCH_IDS = 100;

/**
 * `?ids=a,b,c` of the catalog's batch get (gateway and product service): one comma-separated
 * value of 1..100 product ids, parsed into the list.
 */
export const productIdList = z
  .string()
  .transform((value) => value.split(','))
  .pipe(z.array(idOf('a product id')).min(1).max(MAX_BATCH_IDS))
  .describe(
    `Up to ${MAX_BATCH_IDS} product ids, comma-separated: answers those products (a batch get)`,
  );
