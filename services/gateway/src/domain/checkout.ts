import { addressSchema, cardShape } from '@gomall/contracts';
import { z } from 'zod';

/**
 * The public checkout contract (shared/api.md "Checkout and orders"). The gateway checks the
 * shape; the checkout service also checks the card itself (Luhn, expiry) and answers 400.
 */

export const checkoutBody = z.strictObject({
  address: addressSchema,
  email: z.email().max(254).optional(),
  card: cardShape,
});
export type CheckoutBody = z.infer<typeof checkoutBody>;

export const checkoutHeaders = z.object({
  'idempotency-key': z
    .string({ error: 'the Idempotency-Key header is required' })
    .regex(/^[\x20-\x7e]{1,255}$/, 'must be 1 to 255 printable ASCII characters'),
});

/** 201 answer: the paid order and the payment (only the card's last 4 digits). */
export interface CheckoutResult {
  order: Record<string, unknown> & { id: string; status: string };
  payment: { id: string; status: string; amountCents: number; last4: string };
}
