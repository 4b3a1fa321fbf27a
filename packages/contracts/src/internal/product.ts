import { z } from 'zod';
import { productSchema } from '../api/catalog';
import { idOf } from '../fields';

/**
 * What the product service is asked by other services: several products at once (the cart), and
 * the stock reservations of an order (the checkout saga reserves and commits; the order service
 * reads a reservation to price the order, and releases one).
 */

/** `POST /products/lookup`: several products at once (those that exist are answered). */
export const productLookupBodySchema = z.strictObject({
  ids: z.array(idOf('a product id')).min(1).max(100),
});

export const productLookupAnswerSchema = z.object({ items: z.array(productSchema) });

/** At most this many units of one product in one reservation. */
const MAX_RESERVED_QUANTITY = 10_000;

const reservationOrderId = z.string().regex(/^[A-Za-z0-9-]{1,64}$/, 'must be an order id');
const reservedProductId = z.string().regex(/^[A-Za-z0-9-]{1,36}$/, 'must be a product id');

/** `/reservations/:orderId`: one reservation per order. */
export const reservationParamsSchema = z.object({ orderId: reservationOrderId });

/** `POST /reservations`: holds the stock of the lines for the order (idempotent per order id). */
export const reserveBodySchema = z.strictObject({
  orderId: reservationOrderId,
  items: z
    .array(
      z.strictObject({
        productId: reservedProductId,
        quantity: z.number().int().min(1).max(MAX_RESERVED_QUANTITY),
      }),
    )
    .min(1)
    .max(100),
});
type ReserveBody = z.infer<typeof reserveBodySchema>;
/** One line to reserve: a product and how many. */
export type StockLine = ReserveBody['items'][number];

/** A reserved line, with the catalog's name and price at the moment it was reserved. */
const reservedLineSchema = z.object({
  productId: z.string(),
  name: z.string(),
  quantity: z.number().int().min(1),
  unitPriceCents: z.number().int().min(0),
});
export type ReservedLine = z.infer<typeof reservedLineSchema>;

const RESERVATION_STATUSES = ['reserved', 'committed', 'released'] as const;
export type ReservationStatus = (typeof RESERVATION_STATUSES)[number];

/** The answer of `POST /reservations`: what was reserved, priced. */
export const reservationSchema = z.object({
  orderId: z.string(),
  status: z.literal('reserved'),
  items: z.array(reservedLineSchema),
});
export type Reservation = z.infer<typeof reservationSchema>;

/** `GET /reservations/:orderId`: the order's reservation as it stands now. */
export const reservationViewSchema = z.object({
  orderId: z.string(),
  status: z.enum(RESERVATION_STATUSES),
  items: z.array(reservedLineSchema),
});
export type ReservationView = z.infer<typeof reservationViewSchema>;

/** `POST /reservations/:orderId/commit`: the reserved units are sold. */
export const commitAnswerSchema = z.object({
  orderId: z.string(),
  status: z.literal('committed'),
});
export type CommitAnswer = z.infer<typeof commitAnswerSchema>;

/** `POST /reservations/:orderId/release`: `none` when there was nothing to release. */
export const releaseAnswerSchema = z.object({
  orderId: z.string(),
  status: z.enum(['released', 'none']),
});
export type ReleaseAnswer = z.infer<typeof releaseAnswerSchema>;
