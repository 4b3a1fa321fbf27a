import { createOrderBodySchema, ORDER_STATUSES } from '@gomall/contracts';
import { canTransition, expiryCutoff, totalOf } from '../src/domain/orders';

const address = {
  name: 'Ada',
  street: '1 Main St',
  city: 'Springfield',
  zipCode: '12345',
  country: 'US',
};
const order = {
  id: '5b7c2f0e-1111-4222-8333-444455556666',
  items: [{ productId: 'p-1', name: 'Mug', quantity: 2, unitPriceCents: 1250 }],
  address,
};

describe('order status machine', () => {
  it('allows exactly the transitions of the contract', () => {
    const allowed = ORDER_STATUSES.flatMap((from) =>
      ORDER_STATUSES.filter((to) => canTransition(from, to)).map((to) => `${from}→${to}`),
    );
    expect(allowed.sort()).toEqual(
      ['pending→paid', 'pending→cancelled', 'paid→shipped', 'paid→refunded'].sort(),
    );
  });
});

describe('order input', () => {
  it('computes totals in integer cents', () => {
    expect(
      totalOf([
        { productId: 'a', name: 'A', quantity: 3, unitPriceCents: 199 },
        { productId: 'b', name: 'B', quantity: 1, unitPriceCents: 1 },
      ]),
    ).toBe(598);
  });

  it('accepts a well-formed order and refuses bad ones', () => {
    expect(createOrderBodySchema.safeParse(order).success).toBe(true);
    // A caller's price is not needed (nor believed): the order is priced from its reservation.
    const unpriced = { ...order, items: order.items.map(({ unitPriceCents: _, ...line }) => line) };
    expect(createOrderBodySchema.safeParse(unpriced).success).toBe(true);
    expect(createOrderBodySchema.safeParse({ ...order, email: 'ada@example.com' }).success).toBe(
      true,
    );
    for (const bad of [
      { ...order, items: [] },
      { ...order, userId: 'u-2' },
      { ...order, email: 'not-an-email' },
      { ...order, address: { ...address, zipCode: '' } },
      { ...order, address: { ...address, planet: 'Mars' } },
      { ...order, items: [{ ...order.items[0], quantity: 0 }] },
      { ...order, items: [{ ...order.items[0], unitPriceCents: 1.5 }] },
      { ...order, items: Array.from({ length: 101 }, () => order.items[0]) },
    ]) {
      expect(createOrderBodySchema.safeParse(bad).success).toBe(false);
    }
  });

  it('expires pending orders created more than the window ago', () => {
    expect(expiryCutoff(new Date('2026-01-01T00:15:00Z'), 900)).toEqual(
      new Date('2026-01-01T00:00:00Z'),
    );
  });
});
