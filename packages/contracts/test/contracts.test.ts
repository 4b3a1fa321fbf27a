import {
  addressSchema,
  cardFieldsSchema as cardShape,
  cardSchema,
  isExpired,
  orderEventSchema as orderEventPayload,
  pageQueryShape,
  passesLuhn,
  productIdList,
} from '../src';

const card = { number: '4242424242424242', expMonth: 12, expYear: 2030, cvv: '123' };
const now = () => new Date('2026-06-15T12:00:00Z');

describe('contracts', () => {
  it('trims address lines and refuses blank ones and unknown fields', () => {
    const address = { name: ' Ann ', street: '1 Main St', city: 'X', zipCode: '1', country: 'US' };
    expect(addressSchema.parse(address).name).toBe('Ann');
    expect(addressSchema.safeParse({ ...address, city: '   ' }).success).toBe(false);
    expect(addressSchema.safeParse({ ...address, extra: 1 }).success).toBe(false);
  });

  it('checks a card shape at the edge, and Luhn and expiry where it is charged', () => {
    const bad = { ...card, number: '4242424242424241', expYear: 2025 };
    expect(cardShape.safeParse(bad).success).toBe(true);
    const result = cardSchema(now).safeParse(bad);
    expect(result.error?.issues.map((issue) => issue.message)).toEqual([
      'is not a valid card number',
      'the card has expired',
    ]);
    expect(cardSchema(now).safeParse(card).success).toBe(true);
    expect(passesLuhn('4000000000000002')).toBe(true);
    expect(isExpired(6, 2026, now())).toBe(false);
  });

  it('reads page numbers from query strings within their bounds', () => {
    expect(pageQueryShape.page.parse('3')).toBe(3);
    expect(pageQueryShape.page.safeParse('0').success).toBe(false);
    expect(pageQueryShape.pageSize.safeParse('101').success).toBe(false);
    expect(pageQueryShape.pageSize.safeParse('2.5').success).toBe(false);
  });

  it('holds an order event to its payload', () => {
    const event = { orderId: 'o', userId: 'u', totalCents: 1 };
    expect(orderEventPayload.safeParse(event).success).toBe(true);
    expect(orderEventPayload.safeParse({ ...event, totalCents: -1 }).success).toBe(false);
  });

  it('reads the batch get ids: 1..100 comma-separated product ids', () => {
    expect(productIdList.parse('a,b-2,C3')).toEqual(['a', 'b-2', 'C3']);
    expect(productIdList.parse(Array(100).fill('x').join(','))).toHaveLength(100);
    for (const bad of ['', 'a,', ',a', 'a b', Array(101).fill('x').join(',')]) {
      expect(productIdList.safeParse(bad).success).toBe(false);
    }
  });
});
