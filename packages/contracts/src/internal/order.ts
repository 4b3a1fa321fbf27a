import { z } from 'zod';
import { addressSchema } from '../address';
import { ORDER_STATUSES, orderSchema } from '../api/orders';
import { emailSchema, idOf, text } from '../fields';

/** What the order service is asked by the checkout saga, the payment and notification services. */

const id = idOf('an id');

/** `POST /orders`: a pending order for the caller (the same id again answers the same order). */
export const createOrderBodySchema = z.strictObject({
  id,
  items: z
    .array(
      z.strictObject({
        productId: id,
        name: text(200),
        quantity: z.number().int().min(1).max(10_000),
        // Ignored: the order is priced from its stock reservation (the catalog).
        unitPriceCents: z.number().int().min(0).max(100_000_000).optional(),
      }),
    )
    .min(1)
    .max(100),
  address: addressSchema,
  email: emailSchema.optional(),
});
export type CreateOrderBody = z.infer<typeof createOrderBodySchema>;

/** `POST /orders/:id/mark-paid`: the payment that proves it. */
export const markPaidBodySchema = z.strictObject({ paymentId: id });

/** `POST /orders/:id/mark-cancelled`: the saga's compensation. */
export const markCancelledBodySchema = z.strictObject({ reason: text(200) });

/**
 * What `POST /orders` and `mark-cancelled` answer: the order as it stands. A checkout cancelled
 * before its order existed leaves a cancelled placeholder under the id (no lines, nothing to pay,
 * no address), which both answer as it is.
 */
export const orderOrPlaceholderSchema = z.union([
  orderSchema,
  orderSchema.extend({
    status: z.literal('cancelled'),
    items: z.tuple([]),
    totalCents: z.literal(0),
    address: z.strictObject({}),
  }),
]);
export type OrderOrPlaceholder = z.infer<typeof orderOrPlaceholderSchema>;

/** `GET /orders/:id/status`: what the payment service checks before it refunds. */
export const orderStatusSchema = z.object({
  id: z.string(),
  status: z.enum(ORDER_STATUSES),
  totalCents: z.number().int().min(0),
});
export type OrderStatusView = z.infer<typeof orderStatusSchema>;
