import { AppError } from '@gomall/kit';

export interface FieldProblem {
  path: string;
  message: string;
}

export interface StockProblem {
  productId: string;
  requested: number;
  available: number;
}

/** The API's 400 details (`[{ path: "body.card.number", message }]`), when it sent them. */
export function fieldProblems(error: AppError): FieldProblem[] {
  if (!Array.isArray(error.details)) return [];
  return (error.details as unknown[]).filter(
    (d): d is FieldProblem =>
      typeof d === 'object' &&
      d !== null &&
      typeof (d as FieldProblem).path === 'string' &&
      typeof (d as FieldProblem).message === 'string',
  );
}

export function stockProblems(error: AppError): StockProblem[] {
  if (error.code !== 'INSUFFICIENT_STOCK' || !Array.isArray(error.details)) return [];
  return (error.details as StockProblem[]).filter((d) => typeof d?.productId === 'string');
}

/** Any failure of the API as one sentence a shopper can act on; never a blank page. */
export function readableError(error: unknown): string {
  if (!(error instanceof AppError)) {
    return 'Something went wrong on our side. Nothing was changed; please try again.';
  }
  switch (error.code) {
    case 'PAYMENT_DECLINED':
      return 'Your card was declined. Nothing was charged and your cart is unchanged; try another card.';
    case 'RATE_LIMITED':
      return `Too many attempts in a short time. Please wait a minute and try again. (${error.message})`;
    case 'UNAVAILABLE':
      return 'The shop cannot reach one of its services right now. Nothing was changed; please try again in a moment.';
    case 'UNAUTHENTICATED':
      return 'Please sign in again.';
    case 'FORBIDDEN':
      return error.message || 'You are not allowed to do that.';
    case 'NOT_FOUND':
      return 'We could not find that. It may have been removed.';
    case 'IDEMPOTENCY_KEY_REUSED':
      return 'Your cart changed while you were checking out. Please review it and place the order again.';
    case 'VALIDATION_FAILED': {
      const problems = fieldProblems(error);
      if (problems.length === 0) return error.message;
      return problems.map((p) => `${describeField(p.path)}: ${p.message}`).join('. ');
    }
    default:
      return error.message || 'Something went wrong. Please try again.';
  }
}

const FIELD_NAMES: Record<string, string> = {
  'body.card.number': 'Card number',
  'body.card.expMonth': 'Expiry month',
  'body.card.expYear': 'Expiry year',
  'body.card.cvv': 'Security code (CVC)',
  'body.card': 'Card',
  'body.address.name': 'Name',
  'body.address.street': 'Street',
  'body.address.city': 'City',
  'body.address.zipCode': 'Postal code',
  'body.address.country': 'Country',
  'body.email': 'Email',
  'body.password': 'Password',
  'body.name': 'Name',
  'body.quantity': 'Quantity',
};

function describeField(path: string): string {
  return FIELD_NAMES[path] ?? path.replace(/^body\./, '');
}
