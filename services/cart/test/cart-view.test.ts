import { viewCart, type Catalog } from '../src/domain/cart';

describe('viewCart', () => {
  it('prices the cart from what the catalog has now', async () => {
    const asked: string[][] = [];
    const catalog: Catalog = {
      lookup: (ids) => {
        asked.push(ids);
        return Promise.resolve([{ id: 'p1', name: 'Mug', priceCents: 1250 }]);
      },
    };
    const cart = {
      items: [
        { productId: 'p1', quantity: 2 },
        { productId: 'gone', quantity: 1 },
      ],
    };
    expect(await viewCart(cart, catalog)).toEqual({
      items: [
        { productId: 'p1', name: 'Mug', quantity: 2, unitPriceCents: 1250, lineTotalCents: 2500 },
      ],
      totalCents: 2500,
    });
    expect(asked).toEqual([['p1', 'gone']]);
  });

  it('looks up only the lines it was not given (the product just added was read already)', async () => {
    const asked: string[][] = [];
    const catalog: Catalog = {
      lookup: (ids) => {
        asked.push(ids);
        return Promise.resolve([{ id: 'p2', name: 'Pen', priceCents: 300 }]);
      },
    };
    const added = { id: 'p1', name: 'Mug', priceCents: 1250 };
    const cart = {
      items: [
        { productId: 'p2', quantity: 1 },
        { productId: 'p1', quantity: 2 },
      ],
    };
    expect(await viewCart(cart, catalog, [added])).toEqual({
      items: [
        { productId: 'p2', name: 'Pen', quantity: 1, unitPriceCents: 300, lineTotalCents: 300 },
        { productId: 'p1', name: 'Mug', quantity: 2, unitPriceCents: 1250, lineTotalCents: 2500 },
      ],
      totalCents: 2800,
    });
    expect(asked).toEqual([['p2']]);
    // A cart of that product alone asks the catalog nothing more.
    expect(
      await viewCart({ items: [{ productId: 'p1', quantity: 2 }] }, catalog, [added]),
    ).toMatchObject({ totalCents: 2500 });
    expect(asked).toHaveLength(1);
  });

  it('asks the catalog nothing for an empty cart', async () => {
    const catalog: Catalog = { lookup: () => Promise.reject(new Error('not asked')) };
    expect(await viewCart({ items: [] }, catalog)).toEqual({ items: [], totalCents: 0 });
  });
});
