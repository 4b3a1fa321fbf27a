import {
  createProductBodySchema,
  reserveBodySchema,
  setStockBodySchema,
  updateProductBodySchema,
} from '@gomall/contracts';
import { crossedLowStock, findShortages, mergeLines, type StockRow } from '../src/domain/stock';

const row = (id: string, onHand: number, reserved: number): StockRow => ({
  id,
  name: id,
  priceCents: 100,
  onHand,
  reserved,
});

describe('stock domain', () => {
  it('merges repeated products and sorts lines by product id (lock order)', () => {
    expect(
      mergeLines([
        { productId: 'b', quantity: 1 },
        { productId: 'a', quantity: 2 },
        { productId: 'b', quantity: 3 },
      ]),
    ).toEqual([
      { productId: 'a', quantity: 2 },
      { productId: 'b', quantity: 4 },
    ]);
  });

  it('reports every short line with what is available (on hand − reserved)', () => {
    const rows = new Map([
      ['a', row('a', 10, 8)],
      ['b', row('b', 5, 0)],
      ['c', row('c', 1, 1)],
    ]);
    expect(
      findShortages(
        [
          { productId: 'a', quantity: 3 },
          { productId: 'b', quantity: 5 },
          { productId: 'c', quantity: 1 },
        ],
        rows,
      ),
    ).toEqual([
      { productId: 'a', requested: 3, available: 2 },
      { productId: 'c', requested: 1, available: 0 },
    ]);
  });

  it('reports low stock only when the threshold is crossed from above', () => {
    expect(crossedLowStock(6, 5, 5)).toBe(true);
    expect(crossedLowStock(20, 0, 5)).toBe(true);
    expect(crossedLowStock(5, 4, 5)).toBe(false);
    expect(crossedLowStock(10, 6, 5)).toBe(false);
  });

  it('refuses bad reservation bodies', () => {
    const ok = { orderId: 'o-1', items: [{ productId: 'p-1', quantity: 1 }] };
    expect(reserveBodySchema.safeParse(ok).success).toBe(true);
    for (const bad of [
      { ...ok, items: [] },
      { ...ok, items: [{ productId: 'p-1', quantity: 0 }] },
      { ...ok, items: [{ productId: 'p-1', quantity: 1.5 }] },
      { ...ok, orderId: 'has space' },
      { ...ok, extra: true },
    ]) {
      expect(reserveBodySchema.safeParse(bad).success).toBe(false);
    }
    expect(setStockBodySchema.safeParse({ stock: -1 }).success).toBe(false);
    expect(setStockBodySchema.safeParse({ stock: '3' }).success).toBe(false);
  });
});

describe('admin catalog bodies', () => {
  it('fills defaults for a new product and refuses unknown fields', () => {
    const parsed = createProductBodySchema.parse({ name: 'Mug', priceCents: 900 });
    expect(parsed).toMatchObject({ currency: 'USD', stock: 0, categories: [], description: '' });
    expect(createProductBodySchema.safeParse({ name: 'Mug', priceCents: 9.5 }).success).toBe(false);
    expect(createProductBodySchema.safeParse({ name: 'Mug', priceCents: 1, id: 'x' }).success).toBe(
      false,
    );
    expect(
      createProductBodySchema.safeParse({ name: 'Mug', priceCents: 1, currency: 'EUR' }).success,
    ).toBe(false);
  });

  it('needs at least one field to update and never the stock', () => {
    expect(updateProductBodySchema.safeParse({}).success).toBe(false);
    expect(updateProductBodySchema.safeParse({ stock: 3 }).success).toBe(false);
    expect(updateProductBodySchema.parse({ categories: ['a', 'a'] })).toEqual({
      categories: ['a'],
    });
  });
});
