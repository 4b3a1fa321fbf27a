import { z } from 'zod';

/**
 * The public checkout contract (shared/api.md "Checkout and orders"). The gateway checks the
 * shape; the checkout service also checks the card itself (Luhn, expiry) and answers 400.
 */
const text = (max: number) => z.string().trim().min(1).max(max);

/** A shipping address (checkout, and an order's address change). */
export const addressBody = z.strictObject({
  name: text(200),
  street: text(200),
  city: text(100),
  zipCode: text(20),
  country: text(56),
  state: text(100).optional(),
});

export const checkoutBody = z.strictObject({
  address: addressBody,
  email: z.email().max(254).optional(),
  card: z.strictObject({
    number: z.string().regex(/^\d{12,19}$/, 'must be 12 to 19 digits'),
    expMonth: z.number().int().min(1).max(12),
    expYear: z.number().int().min(2000).max(2100),
    cvv: z.string().regex(/^\d{3,4}$/, 'must be 3 or 4 digits'),
  }),
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
