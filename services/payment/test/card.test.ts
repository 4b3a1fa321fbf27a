import { cardSchema, chargeBodySchema, isExpired, passesLuhn } from '@gomall/contracts';
import { brandOf } from '../src/domain/card';

const now = () => new Date('2026-06-15T12:00:00Z');
const card = { number: '4242424242424242', expMonth: 12, expYear: 2030, cvv: '123' };

describe('card checks', () => {
  it('runs the Luhn checksum', () => {
    expect(passesLuhn('4242424242424242')).toBe(true);
    expect(passesLuhn('4000000000000002')).toBe(true);
    expect(passesLuhn('5555555555554444')).toBe(true);
    expect(passesLuhn('378282246310005')).toBe(true);
    expect(passesLuhn('4242424242424241')).toBe(false);
    expect(passesLuhn('1234567812345678')).toBe(false);
  });

  it('tells the brand from the number', () => {
    expect(brandOf('4242424242424242')).toBe('visa');
    expect(brandOf('5555555555554444')).toBe('mastercard');
    expect(brandOf('2223003122003222')).toBe('mastercard');
    expect(brandOf('378282246310005')).toBe('amex');
    expect(brandOf('6011111111111117')).toBe('discover');
    expect(brandOf('9999999999999995')).toBe('unknown');
  });

  it('treats a card as valid through the end of its expiry month', () => {
    expect(isExpired(6, 2026, now())).toBe(false);
    expect(isExpired(5, 2026, now())).toBe(true);
    expect(isExpired(1, 2027, now())).toBe(false);
    expect(isExpired(12, 2025, now())).toBe(true);
  });

  it('refuses bad cards with messages that never quote the number', () => {
    const schema = cardSchema(now);
    expect(schema.safeParse(card).success).toBe(true);
    expect(schema.safeParse({ ...card, cvv: '1234' }).success).toBe(true);
    for (const bad of [
      { ...card, number: '4242424242424241' },
      { ...card, number: '4242 4242 4242 4242' },
      { ...card, number: '42' },
      { ...card, expMonth: 13 },
      { ...card, expMonth: 5, expYear: 2026 },
      { ...card, cvv: '12' },
      { ...card, cvv: '12345' },
      { ...card, cvv: 123 },
      { ...card, holder: 'x' },
    ]) {
      const result = schema.safeParse(bad);
      expect(result.success).toBe(false);
      expect(JSON.stringify(result.error?.issues)).not.toContain('4242424242424241');
    }
  });

  it('accepts only whole positive USD amounts', () => {
    const body = { orderId: 'o-1', amountCents: 100, currency: 'USD', card };
    expect(chargeBodySchema.safeParse(body).success).toBe(true);
    expect(chargeBodySchema.safeParse({ ...body, amountCents: 1.5 }).success).toBe(false);
    expect(chargeBodySchema.safeParse({ ...body, amountCents: 0 }).success).toBe(false);
    expect(chargeBodySchema.safeParse({ ...body, currency: 'EUR' }).success).toBe(false);
  });
});
