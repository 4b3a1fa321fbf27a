import { z } from 'zod';
import type { CheckoutBody } from '@gomall/contracts';
import type { Errors } from '../views/components';
import type { CheckoutForm } from '../views/pages/cart-pages';

const text = (label: string, max: number) =>
  z.string().trim().min(1, `Enter your ${label}`).max(max, `At most ${max} characters`);

/** The checkout form as typed by a shopper; messages say what to fix in plain words. */
const formSchema = z.object({
  name: text('full name', 100),
  street: text('street and number', 200),
  city: text('city', 100),
  state: z.string().trim().max(100).optional(),
  zipCode: text('postal code', 20),
  country: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z]{2}$/, 'Use the 2-letter country code, e.g. US'),
  email: z
    .union([z.literal(''), z.string().trim().email('Enter a valid email or leave it empty')])
    .optional(),
  cardNumber: z
    .string()
    .transform((s) => s.replace(/[\s-]/g, ''))
    .pipe(z.string().regex(/^\d{12,19}$/, 'A card number has 12 to 19 digits')),
  expMonth: z.coerce.number().int('Month 1 to 12').min(1, 'Month 1 to 12').max(12, 'Month 1 to 12'),
  expYear: z.coerce
    .number()
    .int('Use 4 digits, e.g. 2030')
    .min(2000, 'Use 4 digits, e.g. 2030')
    .max(2100, 'Use 4 digits, e.g. 2030'),
  cvv: z
    .string()
    .trim()
    .regex(/^\d{3,4}$/, 'The security code has 3 or 4 digits'),
});

export type ParsedCheckout = { ok: true; body: CheckoutBody } | { ok: false; errors: Errors };

export function parseCheckoutForm(form: Record<string, string>): ParsedCheckout {
  const parsed = formSchema.safeParse(form);
  if (!parsed.success) {
    const errors: Errors = {};
    for (const issue of parsed.error.issues) errors[String(issue.path[0])] ??= issue.message;
    return { ok: false, errors };
  }
  const f = parsed.data;
  return {
    ok: true,
    body: {
      address: {
        name: f.name,
        street: f.street,
        city: f.city,
        zipCode: f.zipCode,
        country: f.country,
        ...(f.state ? { state: f.state } : {}),
      },
      ...(f.email ? { email: f.email } : {}),
      card: { number: f.cardNumber, expMonth: f.expMonth, expYear: f.expYear, cvv: f.cvv },
    },
  };
}

/** What the form shows again after a refusal (never the card's security code). */
export function refill(form: Record<string, string>): CheckoutForm {
  const { name, street, city, state, zipCode, country, email, cardNumber, expMonth, expYear } =
    form;
  return { name, street, city, state, zipCode, country, email, cardNumber, expMonth, expYear };
}

/** The API's field paths for the card and address, as the form's field names. */
export const API_FIELD_TO_FORM: Record<string, string> = {
  'body.card.number': 'cardNumber',
  'body.card.expMonth': 'expMonth',
  'body.card.expYear': 'expYear',
  'body.card.cvv': 'cvv',
  'body.address.name': 'name',
  'body.address.street': 'street',
  'body.address.city': 'city',
  'body.address.zipCode': 'zipCode',
  'body.address.country': 'country',
  'body.address.state': 'state',
  'body.email': 'email',
};
