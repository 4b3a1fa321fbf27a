import {
  addCartItemBodySchema as addItemBody,
  setCartItemBodySchema as setQuantityBody,
} from '@gomall/contracts';
import { AppError } from '@gomall/kit';
import {
  addItem,
  emptyCart,
  MAX_LINES,
  priceCart,
  removeItem,
  setQuantity,
  type StoredCart,
} from '../src/domain/cart';

const statusOf = (fn: () => unknown): number | undefined => {
  try {
    fn();
  } catch (error) {
    return error instanceof AppError ? error.status : -1;
  }
  return undefined;
};

describe('cart rules', () => {
  it('adds a new line, then adds to the quantity already there', () => {
    let cart = addItem(emptyCart(), 'p1', 2);
    cart = addItem(cart, 'p1', 3);
    cart = addItem(cart, 'p2', 1);
    expect(cart.items).toEqual([
      { productId: 'p1', quantity: 5 },
      { productId: 'p2', quantity: 1 },
    ]);
  });

  it('refuses a line over 99 units with a 400', () => {
    const cart = addItem(emptyCart(), 'p1', 99);
    expect(statusOf(() => addItem(cart, 'p1', 1))).toBe(400);
    expect(statusOf(() => addItem(addItem(emptyCart(), 'p1', 50), 'p1', 49))).toBeUndefined();
  });

  it('bounds the number of different products', () => {
    const full: StoredCart = {
      items: Array.from({ length: MAX_LINES }, (_, i) => ({ productId: `p${i}`, quantity: 1 })),
    };
    expect(statusOf(() => addItem(full, 'other', 1))).toBe(400);
    expect(addItem(full, 'p0', 1).items[0]).toEqual({ productId: 'p0', quantity: 2 });
  });

  it('sets a quantity, removes with 0, and answers 404 for a line that is not there', () => {
    const cart = addItem(emptyCart(), 'p1', 2);
    expect(setQuantity(cart, 'p1', 7).items).toEqual([{ productId: 'p1', quantity: 7 }]);
    expect(setQuantity(cart, 'p1', 0).items).toEqual([]);
    expect(statusOf(() => setQuantity(cart, 'p2', 1))).toBe(404);
    expect(removeItem(cart, 'p1').items).toEqual([]);
    expect(statusOf(() => removeItem(cart, 'p2'))).toBe(404);
  });

  it('prices lines from the catalog and leaves out products that are gone', () => {
    const cart: StoredCart = {
      items: [
        { productId: 'p1', quantity: 3 },
        { productId: 'gone', quantity: 1 },
      ],
    };
    const view = priceCart(cart, new Map([['p1', { id: 'p1', name: 'Mug', priceCents: 1250 }]]));
    expect(view).toEqual({
      items: [
        { productId: 'p1', name: 'Mug', quantity: 3, unitPriceCents: 1250, lineTotalCents: 3750 },
      ],
      totalCents: 3750,
    });
  });

  it('validates bodies strictly: 1..99 to add, 0..99 to set, integers, no extra fields', () => {
    const ok = (q: unknown) => addItemBody.safeParse({ productId: 'p1', quantity: q }).success;
    expect([1, 99].map(ok)).toEqual([true, true]);
    expect([0, -1, 100, 1.5, '2', 1e12].map(ok)).toEqual([
      false,
      false,
      false,
      false,
      false,
      false,
    ]);
    expect(addItemBody.safeParse({ productId: 'p1', quantity: 1, price: 1 }).success).toBe(false);
    expect(addItemBody.safeParse({ productId: 'a b', quantity: 1 }).success).toBe(false);
    expect(setQuantityBody.safeParse({ quantity: 0 }).success).toBe(true);
    expect(setQuantityBody.safeParse({ quantity: 100 }).success).toBe(false);
  });
});
