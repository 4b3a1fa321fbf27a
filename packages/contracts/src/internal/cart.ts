import { z } from 'zod';
import { MAX_QUANTITY_PER_LINE } from '../api/cart';

/** `GET /cart/lines` (the checkout saga): the caller's cart unpriced, product ids and quantities. */
export const cartLinesSchema = z.object({
  items: z.array(
    z.object({
      productId: z.string(),
      quantity: z.number().int().min(1).max(MAX_QUANTITY_PER_LINE),
    }),
  ),
});
export type CartLines = z.infer<typeof cartLinesSchema>;
