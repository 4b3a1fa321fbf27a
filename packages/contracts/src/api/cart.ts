import { z } from 'zod';
import { idOf } from '../fields';

/** The caller's cart (shared/api.md, "Cart"). */

/** 1..99 per add, and no line ever holds more than 99. */
export const MAX_QUANTITY_PER_LINE = 99;

const cartLineSchema = z.object({
  productId: z.string(),
  name: z.string(),
  quantity: z.number().int().min(1).max(MAX_QUANTITY_PER_LINE),
  unitPriceCents: z.number().int().min(0),
  lineTotalCents: z.number().int().min(0),
});

/** A cart as the API shows it: lines priced from the catalog of this moment. */
export const cartSchema = z.object({
  items: z.array(cartLineSchema),
  totalCents: z.number().int().min(0),
});
export type Cart = z.infer<typeof cartSchema>;

const productId = idOf('a product id');

export const cartItemParamsSchema = z.object({ productId });

/** `POST /cart/items`: adds to what the cart already holds of the product. */
export const addCartItemBodySchema = z.strictObject({
  productId,
  quantity: z.number().int().min(1).max(MAX_QUANTITY_PER_LINE),
});
export type AddCartItemBody = z.infer<typeof addCartItemBodySchema>;

/** `PATCH /cart/items/:productId`: the line's new quantity (0 removes it). */
export const setCartItemBodySchema = z.strictObject({
  quantity: z.number().int().min(0).max(MAX_QUANTITY_PER_LINE),
});
