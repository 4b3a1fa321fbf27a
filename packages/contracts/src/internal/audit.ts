import { z } from 'zod';

/**
 * The cross-service audit: what the order, product and payment services answer the checkout
 * service's `GET /admin/audit?outboxDeadlineSeconds=` (admins only). Facts, read only.
 */

/** Every service's outbox: events unpublished past the deadline, and the oldest one's age. */
const outboxFactsSchema = z.object({
  overdue: z.number().int(),
  oldestSeconds: z.number().nullable(),
});

export const orderFactsSchema = z.object({
  /** Paid and shipped orders: each must have one succeeded charge of its total. */
  paid: z.array(z.object({ id: z.string(), status: z.string(), totalCents: z.number().int() })),
  /** Pending orders: the only ones that may hold reserved stock. */
  pending: z.array(z.string()),
  /** Units of paid and shipped orders by product: what the product service must count as sold. */
  unitsSold: z.record(z.string(), z.number().int()),
  outbox: outboxFactsSchema,
});
export type OrderFacts = z.infer<typeof orderFactsSchema>;

export const productFactsSchema = z.object({
  /** Each product's stock and ledger; `reservedLines` is what its open reservations add up to. */
  products: z.array(
    z.object({
      id: z.string(),
      onHand: z.number().int(),
      reserved: z.number().int(),
      received: z.number().int(),
      sold: z.number().int(),
      returned: z.number().int(),
      reservedLines: z.number().int(),
    }),
  ),
  /** Open reservations by order: each must belong to a pending order (or a saga in flight). */
  reservations: z.array(z.object({ orderId: z.string(), ageSeconds: z.number() })),
  outbox: outboxFactsSchema,
});
export type ProductFacts = z.infer<typeof productFactsSchema>;

export const paymentFactsSchema = z.object({
  /** Succeeded charges: each must belong to a paid or shipped order of the same amount. */
  succeeded: z.array(z.object({ orderId: z.string(), amountCents: z.number().int() })),
  /** How many payments of each status there are (context for the report). */
  byStatus: z.record(z.string(), z.number().int()),
  outbox: outboxFactsSchema,
});
export type PaymentFacts = z.infer<typeof paymentFactsSchema>;
