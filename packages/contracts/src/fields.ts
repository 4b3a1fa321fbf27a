import { z } from 'zod';

/** Free text: trimmed, then 1..max characters must be left. */
export const text = (max: number) => z.string().trim().min(1).max(max);

/** What every service accepts as a product, order or payment id. */
export const idOf = (what: string) => z.string().regex(/^[A-Za-z0-9-]{1,64}$/, `must be ${what}`);

/** A whole number sent as a query string (`?page=3`), checked as a number in min..max. */
export const wholeNumber = (min: number, max: number) =>
  z
    .string()
    .regex(/^\d{1,9}$/, 'must be a whole number')
    .transform(Number)
    .pipe(z.number().int().min(min).max(max));

/** An email address as given: zod's rule, at most 254 characters. */
export const emailSchema = z.email().max(254);
