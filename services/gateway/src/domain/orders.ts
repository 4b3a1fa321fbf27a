import { z } from 'zod';
import { addressBody } from './checkout';

/** The public order contract (shared/api.md, "Checkout and orders"). */
const ORDER_STATUSES = ['pending', 'paid', 'shipped', 'cancelled', 'refunded'] as const;
type OrderStatus = (typeof ORDER_STATUSES)[number];

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

/** Admins' order search: by status and creation time (`from` inclusive, `to` exclusive). */
export const adminOrderSearchQuery = z
  .strictObject({
    ...orderListQuery.shape,
    status: z.enum(ORDER_STATUSES).optional(),
    from: z.iso.datetime({ offset: true }).optional(),
    to: z.iso.datetime({ offset: true }).optional(),
  })
  .refine((q) => !q.from || !q.to || Date.parse(q.from) < Date.parse(q.to), {
    message: 'from must be before to',
    path: ['from'],
  });
export type AdminOrderSearchQuery = z.infer<typeof adminOrderSearchQuery>;

export const changeAddressBody = z.strictObject({ address: addressBody });
export type ChangeAddressBody = z.infer<typeof changeAddressBody>;

/** An order with the history of its shipping address. */
export interface OrderWithHistory {
  order: Order;
  history: Array<{
    changedAt: string;
    changedBy: string;
    byAdmin: boolean;
    from: Record<string, string>;
    to: Record<string, string>;
  }>;
}
