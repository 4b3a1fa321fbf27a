import { addressSchema, idOf, pageQueryShape } from '@gomall/contracts';
import { z } from 'zod';

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

export const orderListQuery = z.strictObject({
  page: pageQueryShape.page.optional(),
  pageSize: pageQueryShape.pageSize.optional(),
});
export type OrderListQuery = z.infer<typeof orderListQuery>;

export const orderIdParams = z.object({
  id: idOf('an order id'),
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

export const changeAddressBody = z.strictObject({ address: addressSchema });
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
