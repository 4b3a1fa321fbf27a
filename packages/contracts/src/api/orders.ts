import { z } from 'zod';
import { addressSchema } from '../address';
import { idOf } from '../fields';
import { pageQueryShape, pageSchema } from '../page';
import { FROM_BEFORE_TO, fromBeforeTo, timeRangeShape } from './time-range';

/** Orders (shared/api.md, "Checkout and orders") and the admins' order tools. */

export const ORDER_STATUSES = ['pending', 'paid', 'shipped', 'cancelled', 'refunded'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

const orderLineSchema = z.object({
  productId: z.string(),
  name: z.string(),
  quantity: z.number().int().min(1),
  unitPriceCents: z.number().int().min(0),
});
export type OrderLine = z.infer<typeof orderLineSchema>;

/** An order as the API shows it. */
export const orderSchema = z.object({
  id: z.string(),
  status: z.enum(ORDER_STATUSES),
  items: z.array(orderLineSchema),
  totalCents: z.number().int().min(0),
  currency: z.literal('USD'),
  address: addressSchema,
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Order = z.infer<typeof orderSchema>;

/** 200 of `GET /orders` and `GET /admin/orders`: a page of orders. */
export const orderPageSchema = pageSchema(orderSchema).meta({ id: 'OrderPage' });

/** One entry of an order's address history. */
const addressChangeSchema = z.object({
  changedAt: z.string(),
  changedBy: z.string(),
  byAdmin: z.boolean(),
  from: addressSchema,
  to: addressSchema,
});
export type AddressChange = z.infer<typeof addressChangeSchema>;

/** An order with the history of its shipping address. */
export const orderWithHistorySchema = z.object({
  order: orderSchema,
  history: z.array(addressChangeSchema),
});
export type OrderWithHistory = z.infer<typeof orderWithHistorySchema>;

export const orderIdParamsSchema = z.object({ id: idOf('an order id') });

/** `GET /orders`: the caller's own orders, newest first. */
export const orderListQuerySchema = z.strictObject({ ...pageQueryShape });
export type OrderListQuery = z.infer<typeof orderListQuerySchema>;

/** `GET /admin/orders`: by status and creation time (`from` inclusive, `to` exclusive). */
export const adminOrderSearchQuerySchema = z
  .strictObject({
    ...pageQueryShape,
    status: z.enum(ORDER_STATUSES).optional(),
    ...timeRangeShape,
  })
  .refine(fromBeforeTo, FROM_BEFORE_TO);
export type AdminOrderSearchQuery = z.infer<typeof adminOrderSearchQuerySchema>;

/** `PATCH /orders/:id/address` and `PATCH /admin/orders/:id/address`. */
export const changeAddressBodySchema = z.strictObject({ address: addressSchema });
export type ChangeAddressBody = z.infer<typeof changeAddressBodySchema>;
