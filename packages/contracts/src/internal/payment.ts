import { z } from 'zod';
import { cardSchema } from '../card';
import { idOf } from '../fields';

/** What the payment service is asked by the checkout saga and the order service. */

/** `POST /payments`: charges the order once (idempotent per order id); the card is checked here. */
export const chargeBodySchema = z.strictObject({
  orderId: idOf('an order id'),
  amountCents: z.number().int().min(1).max(100_000_000),
  currency: z.literal('USD'),
  card: cardSchema(),
});
export type ChargeBody = z.infer<typeof chargeBodySchema>;

/** `void`: the order was cancelled before it was charged; any later charge is refused. */
const PAYMENT_STATUSES = ['succeeded', 'failed', 'refunded', 'void'] as const;
const CARD_BRANDS = ['visa', 'mastercard', 'amex', 'discover', 'unknown'] as const;

/** A payment as stored and answered: never the card number or CVV, only its last 4 digits. */
export const paymentSchema = z.object({
  id: z.string(),
  orderId: z.string(),
  status: z.enum(PAYMENT_STATUSES),
  amountCents: z.number().int().min(0),
  currency: z.string(),
  last4: z.string(),
  brand: z.enum(CARD_BRANDS),
});
export type Payment = z.infer<typeof paymentSchema>;
