import {
  idempotencyHeadersSchema as idempotencyHeaders,
  isExpired,
  passesLuhn,
} from '@gomall/contracts';
import {
  bodyFingerprint,
  checkoutBodySchema,
  type CheckoutBody,
} from '../src/domain/checkout-request';

const body = (): CheckoutBody => ({
  address: {
    name: 'Ann',
    street: '1 Main St',
    city: 'Springfield',
    zipCode: '12345',
    country: 'US',
  },
  card: { number: '4242424242424242', expMonth: 12, expYear: 2099, cvv: '123' },
});

describe('checkout request', () => {
  it('checks card numbers with Luhn (the decline test card is a valid number)', () => {
    expect(passesLuhn('4242424242424242')).toBe(true);
    expect(passesLuhn('4000000000000002')).toBe(true);
    expect(passesLuhn('4242424242424241')).toBe(false);
  });

  it('treats a card as valid through its expiry month', () => {
    const now = new Date(Date.UTC(2026, 10, 25));
    expect(isExpired(11, 2026, now)).toBe(false);
    expect(isExpired(10, 2026, now)).toBe(true);
    expect(isExpired(1, 2025, now)).toBe(true);
  });

  it('accepts a good body and refuses bad cards, unknown fields and missing parts', () => {
    expect(checkoutBodySchema.safeParse(body()).success).toBe(true);
    const withCard = (card: object) =>
      checkoutBodySchema.safeParse({ ...body(), card: { ...body().card, ...card } }).success;
    expect(withCard({ number: '4242424242424241' })).toBe(false);
    expect(withCard({ number: '4242 4242 4242 4242' })).toBe(false);
    expect(withCard({ expYear: 2020 })).toBe(false);
    expect(withCard({ expMonth: 13 })).toBe(false);
    expect(withCard({ cvv: '12' })).toBe(false);
    expect(withCard({ cvv: '12345' })).toBe(false);
    expect(checkoutBodySchema.safeParse({ ...body(), userId: 'x' }).success).toBe(false);
    expect(checkoutBodySchema.safeParse({ card: body().card }).success).toBe(false);
    expect(checkoutBodySchema.safeParse({ ...body(), email: 'not-an-email' }).success).toBe(false);
  });

  it('requires a 1..255 character Idempotency-Key', () => {
    const ok = (key: unknown) => idempotencyHeaders.safeParse({ 'idempotency-key': key }).success;
    expect(ok('k')).toBe(true);
    expect(ok('x'.repeat(255))).toBe(true);
    expect(ok('x'.repeat(256))).toBe(false);
    expect(ok('')).toBe(false);
    expect(idempotencyHeaders.safeParse({}).success).toBe(false);
  });

  it('fingerprints a body independently of key order, without the full card number or CVV', () => {
    const a = body();
    const reordered = JSON.parse(
      JSON.stringify({ card: a.card, address: { ...a.address } }),
    ) as CheckoutBody;
    expect(bodyFingerprint(reordered)).toBe(bodyFingerprint(a));
    expect(bodyFingerprint({ ...a, card: { ...a.card, cvv: '999' } })).toBe(bodyFingerprint(a));
    expect(bodyFingerprint({ ...a, address: { ...a.address, city: 'Shelbyville' } })).not.toBe(
      bodyFingerprint(a),
    );
    expect(bodyFingerprint({ ...a, card: { ...a.card, number: '4000000000000002' } })).not.toBe(
      bodyFingerprint(a),
    );
  });
});
