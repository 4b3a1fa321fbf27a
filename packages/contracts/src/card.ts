import { z } from 'zod';

/**
 * The card fields as they arrive (the gateway checks this much before forwarding). Digits are
 * spelled [0-9]: the OpenAPI document carries these patterns, and outside JavaScript `\d` can
 * mean any Unicode digit.
 */
export const cardFieldsSchema = z.strictObject({
  number: z.string().regex(/^[0-9]{12,19}$/, 'must be 12 to 19 digits'),
  expMonth: z.number().int().min(1).max(12),
  expYear: z.number().int().min(2000).max(2100),
  cvv: z.string().regex(/^[0-9]{3,4}$/, 'must be 3 or 4 digits'),
});
export type Card = z.infer<typeof cardFieldsSchema>;

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

/** A card is usable through the last day of its expiry month (UTC). */
export function isExpired(expMonth: number, expYear: number, now: Date = new Date()): boolean {
  const year = now.getUTCFullYear();
  const month = now.getUTCMonth() + 1;
  return expYear < year || (expYear === year && expMonth < month);
}

/**
 * A card that can be charged: the shape, a number that passes Luhn and an expiry not in the past
 * (checkout and payment both check it). Messages never quote the number: zod's default messages
 * do not echo values, and these checks say only what is wrong.
 */
export const cardSchema = (now: () => Date = () => new Date()) =>
  cardFieldsSchema.superRefine((card, issue) => {
    if (!passesLuhn(card.number)) {
      issue.addIssue({ code: 'custom', path: ['number'], message: 'is not a valid card number' });
    }
    if (isExpired(card.expMonth, card.expYear, now())) {
      issue.addIssue({ code: 'custom', path: ['expYear'], message: 'the card has expired' });
    }
  });
