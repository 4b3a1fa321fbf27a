import { z } from 'zod';

/** The test card the contract declines (shared/api.md, "Checkout and orders"). */
export const DECLINED_CARD = '4000000000000002';

export type CardBrand = 'visa' | 'mastercard' | 'amex' | 'discover' | 'unknown';

/** The Luhn checksum every real card number satisfies (catches typos, not fraud). */
export function passesLuhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let digit = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}

export function brandOf(digits: string): CardBrand {
  if (/^4/.test(digits)) return 'visa';
  if (/^(5[1-5]|2(2[2-9][1-9]|2[3-9]\d|[3-6]\d\d|7[01]\d|720))/.test(digits)) return 'mastercard';
  if (/^3[47]/.test(digits)) return 'amex';
  if (/^(6011|65|64[4-9])/.test(digits)) return 'discover';
  return 'unknown';
}

/** A card expires at the end of its month (UTC), so this month's card is still good. */
export function isExpired(expMonth: number, expYear: number, now: Date): boolean {
  const year = now.getUTCFullYear();
  const month = now.getUTCMonth() + 1;
  return expYear < year || (expYear === year && expMonth < month);
}

/**
 * The card as it arrives. Messages never quote the number: zod's default messages do not echo
 * values, and the Luhn and expiry checks below say only what is wrong.
 */
export const cardSchema = (now: () => Date = () => new Date()) =>
  z
    .strictObject({
      number: z.string().regex(/^\d{12,19}$/, 'must be 12 to 19 digits'),
      expMonth: z.number().int().min(1).max(12),
      expYear: z.number().int().min(2000).max(2100),
      cvv: z.string().regex(/^\d{3,4}$/, 'must be 3 or 4 digits'),
    })
    .superRefine((card, issue) => {
      if (!passesLuhn(card.number)) {
        issue.addIssue({ code: 'custom', path: ['number'], message: 'is not a valid card number' });
      }
      if (isExpired(card.expMonth, card.expYear, now())) {
        issue.addIssue({ code: 'custom', path: ['expYear'], message: 'the card has expired' });
      }
    });

export const chargeBodySchema = z.strictObject({
  orderId: z.string().regex(/^[A-Za-z0-9-]{1,64}$/, 'must be an order id'),
  amountCents: z.number().int().min(1).max(100_000_000),
  currency: z.literal('USD'),
  card: cardSchema(),
});
export type ChargeRequest = z.infer<typeof chargeBodySchema>;

export const orderIdParams = z.object({
  orderId: z.string().regex(/^[A-Za-z0-9-]{1,64}$/, 'must be an order id'),
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
