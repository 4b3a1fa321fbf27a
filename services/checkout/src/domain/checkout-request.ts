import { createHash } from 'node:crypto';
import { cardSchema, checkoutBodySchema as publicCheckoutBodySchema } from '@gomall/contracts';
import type { z } from 'zod';
import { lastFour } from './card';

export type { Card } from '@gomall/contracts';

/**
 * POST /checkout body: the public one (shared/api.md "Checkout and orders"), and here the card
 * itself is checked as well (Luhn, expiry), which the gateway leaves to this service.
 */
export const checkoutBodySchema = publicCheckoutBodySchema.extend({ card: cardSchema() });
export type CheckoutBody = z.infer<typeof checkoutBodySchema>;

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
