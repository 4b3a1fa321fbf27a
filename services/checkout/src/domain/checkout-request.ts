import { createHash } from 'node:crypto';
import { z } from 'zod';
import { isExpired, lastFour, passesLuhn } from './card';

const text = (max: number) => z.string().trim().min(1).max(max);

const addressSchema = z.strictObject({
  name: text(200),
  street: text(200),
  city: text(100),
  zipCode: text(20),
  country: text(56),
  state: text(100).optional(),
});
export type Address = z.infer<typeof addressSchema>;

const cardSchema = z
  .strictObject({
    number: z
      .string()
      .regex(/^\d{12,19}$/, 'must be 12 to 19 digits')
      .refine(passesLuhn, 'is not a valid card number'),
    expMonth: z.number().int().min(1).max(12),
    expYear: z.number().int().min(2000).max(2100),
    cvv: z.string().regex(/^\d{3,4}$/, 'must be 3 or 4 digits'),
  })
  .refine((card) => !isExpired(card.expMonth, card.expYear), {
    message: 'the card has expired',
    path: ['expYear'],
  });
export type Card = z.infer<typeof cardSchema>;

/** POST /checkout body (shared/api.md "Checkout and orders"). */
export const checkoutBodySchema = z.strictObject({
  address: addressSchema,
  email: z.email().max(254).optional(),
  card: cardSchema,
});
export type CheckoutBody = z.infer<typeof checkoutBodySchema>;

/** Printable ASCII, 1..255 characters. */
export const idempotencyHeaders = z.object({
  'idempotency-key': z
    .string({ error: 'the Idempotency-Key header is required' })
    .regex(/^[\x20-\x7e]{1,255}$/, 'must be 1 to 255 printable ASCII characters'),
});

/** Stable JSON: object keys sorted, so the same body always hashes the same. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/**
 * What decides "the same body" for an Idempotency-Key. The card enters only as its last four
 * digits and expiry, never its full number or CVV, so the stored hash carries no card data.
 */
export function bodyFingerprint(body: CheckoutBody): string {
  const { number, expMonth, expYear } = body.card;
  const comparable = { ...body, card: { last4: lastFour(number), expMonth, expYear } };
  return createHash('sha256').update(canonical(comparable)).digest('hex');
}
