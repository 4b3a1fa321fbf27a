import { z } from 'zod';

/** The public cart contract (shared/api.md "Cart"), validated before anything is forwarded. */
export interface CartView {
  items: Array<{
    productId: string;
    name: string;
    quantity: number;
    unitPriceCents: number;
    lineTotalCents: number;
  }>;
  totalCents: number;
}

const productId = z.string().regex(/^[A-Za-z0-9-]{1,64}$/, 'must be a product id');

export const cartItemParams = z.object({ productId });
export const addCartItemBody = z.strictObject({
  productId,
  quantity: z.number().int().min(1).max(99),
});
export type AddCartItem = z.infer<typeof addCartItemBody>;
export const setCartItemBody = z.strictObject({ quantity: z.number().int().min(0).max(99) });
