import { idOf, type Payment } from '@gomall/contracts';
import { z } from 'zod';

/** The test card the contract declines (shared/api.md, "Checkout and orders"). */
export const DECLINED_CARD = '4000000000000002';

export type CardBrand = Payment['brand'];

export function brandOf(digits: string): CardBrand {
  if (/^4/.test(digits)) return 'visa';
  if (/^(5[1-5]|2(2[2-9][1-9]|2[3-9]\d|[3-6]\d\d|7[01]\d|720))/.test(digits)) return 'mastercard';
  if (/^3[47]/.test(digits)) return 'amex';
  if (/^(6011|65|64[4-9])/.test(digits)) return 'discover';
  return 'unknown';
}

export const orderIdParamsSchema = z.object({
  orderId: idOf('an order id'),
});

/** `void`: the order was cancelled before it was charged; any later charge is refused. */
export type PaymentStatus = Payment['status'];
