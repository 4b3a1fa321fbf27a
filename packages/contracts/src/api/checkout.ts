import { z } from 'zod';
import { addressSchema } from '../address';
import { cardFieldsSchema } from '../card';
import { emailSchema } from '../fields';
import { orderSchema } from './orders';

/**
 * `POST /checkout` (shared/api.md "Checkout and orders"). The gateway checks the shape; the
 * checkout service also checks the card itself (Luhn, expiry, see `cardSchema`) and answers 400.
 */
export const checkoutBodySchema = z.strictObject({
  address: addressSchema,
  email: emailSchema.optional(),
  card: cardFieldsSchema,
});
export type CheckoutBody = z.infer<typeof checkoutBodySchema>;

/** The Idempotency-Key every checkout carries: printable ASCII, 1..255 characters. */
export const idempotencyHeadersSchema = z.object({
  'idempotency-key': z
    .string({ error: 'the Idempotency-Key header is required' })
    .regex(/^[\x20-\x7e]{1,255}$/, 'must be 1 to 255 printable ASCII characters'),
});

/** The 201 answer: the paid order and the payment (only the card's last 4 digits). */
export const checkoutResultSchema = z.object({
  order: orderSchema,
  payment: z.object({
    id: z.string(),
    status: z.string(),
    amountCents: z.number().int().min(0),
    last4: z.string(),
  }),
});
export type CheckoutResult = z.infer<typeof checkoutResultSchema>;
