import { cardSchema, idOf } from '@gomall/contracts';
import { z } from 'zod';

/** The test card the contract declines (shared/api.md, "Checkout and orders"). */
export const DECLINED_CARD = '4000000000000002';

export type CardBrand = 'visa' | 'mastercard' | 'amex' | 'discover' | 'unknown';

export function brandOf(digits: string): CardBrand {
  if (/^4/.test(digits)) return 'visa';
  if (/^(5[1-5]|2(2[2-9][1-9]|2[3-9]\d|[3-6]\d\d|7[01]\d|720))/.test(digits)) return 'mastercard';
  if (/^3[47]/.test(digits)) return 'amex';
  if (/^(6011|65|64[4-9])/.test(digits)) return 'discover';
  return 'unknown';
}

export const chargeBodySchema = z.strictObject({
  orderId: idOf('an order id'),
  amountCents: z.number().int().min(1).max(100_000_000),
  currency: z.literal('USD'),
  card: cardSchema(),
});
export type ChargeRequest = z.infer<typeof chargeBodySchema>;

export const orderIdParams = z.object({
  orderId: idOf('an order id'),
});

/** `void`: the order was cancelled before it was charged; any later charge is refused. */
export type PaymentStatus = 'succeeded' | 'failed' | 'refunded' | 'void';

/** What is stored and answered: never the card number or CVV. */
export interface Payment {
  id: string;
  orderId: string;
  status: PaymentStatus;
  amountCents: number;
  currency: string;
  last4: string;
  brand: CardBrand;
}
