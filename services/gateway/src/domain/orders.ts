import { z } from 'zod';

/** The public order contract (shared/api.md, "Checkout and orders"). */
export type OrderStatus = 'pending' | 'paid' | 'shipped' | 'cancelled' | 'refunded';

export interface Order {
  id: string;
  status: OrderStatus;
  items: Array<{ productId: string; name: string; quantity: number; unitPriceCents: number }>;
  totalCents: number;
  currency: string;
  address: Record<string, string>;
  createdAt: string;
  updatedAt: string;
}

const wholeNumber = (min: number, max: number) =>
  z
    .string()
    .regex(/^\d{1,9}$/, 'must be a whole number')
    .transform(Number)
    .pipe(z.number().int().min(min).max(max));

export const orderListQuery = z.strictObject({
  page: wholeNumber(1, 1_000_000).optional(),
  pageSize: wholeNumber(1, 100).optional(),
});
export type OrderListQuery = z.infer<typeof orderListQuery>;

export const orderIdParams = z.object({
  id: z.string().regex(/^[A-Za-z0-9-]{1,64}$/, 'must be an order id'),
});
