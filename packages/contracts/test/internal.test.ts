import {
  orderOrPlaceholderSchema,
  reservationSchema,
  reservationViewSchema,
  reserveBodySchema,
} from '../src';

const order = {
  id: 'o1',
  status: 'pending',
  items: [{ productId: 'p1', name: 'Mug', quantity: 2, unitPriceCents: 1250 }],
  totalCents: 2500,
  currency: 'USD',
  address: { name: 'Ann', street: '1 Main St', city: 'X', zipCode: '1', country: 'US' },
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
};

describe('internal answers', () => {
  it('an order answer is a real order or the cancelled placeholder of a rolled-back checkout', () => {
    expect(orderOrPlaceholderSchema.safeParse(order).success).toBe(true);
    const placeholder = { ...order, status: 'cancelled', items: [], totalCents: 0, address: {} };
    expect(orderOrPlaceholderSchema.safeParse(placeholder).success).toBe(true);
    // Only a cancelled order may come without an address.
    expect(orderOrPlaceholderSchema.safeParse({ ...placeholder, status: 'pending' }).success).toBe(
      false,
    );
    expect(orderOrPlaceholderSchema.safeParse({ ...order, address: {} }).success).toBe(false);
  });

  it('a reservation answer is reserved; its view may be committed or released', () => {
    const reservation = { orderId: 'o1', status: 'reserved', items: order.items };
    expect(reservationSchema.safeParse(reservation).success).toBe(true);
    expect(reservationSchema.safeParse({ ...reservation, status: 'committed' }).success).toBe(
      false,
    );
    expect(reservationViewSchema.safeParse({ ...reservation, status: 'released' }).success).toBe(
      true,
    );
  });

  it('a reservation body holds 1..100 lines of 1..10000 units', () => {
    const line = { productId: 'p1', quantity: 1 };
    expect(reserveBodySchema.safeParse({ orderId: 'o1', items: [line] }).success).toBe(true);
    expect(reserveBodySchema.safeParse({ orderId: 'o1', items: [] }).success).toBe(false);
    expect(
      reserveBodySchema.safeParse({ orderId: 'o1', items: [{ ...line, quantity: 10_001 }] })
        .success,
    ).toBe(false);
  });
});
