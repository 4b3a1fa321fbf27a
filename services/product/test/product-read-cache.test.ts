import { ProductReadCache } from '../src/data/product-read-cache';
import type { Product } from '@gomall/contracts';

const product = (id: string, priceCents: number): Product => ({
  id,
  name: 'Mug',
  description: 'A mug.',
  picture: '/images/products/mug.jpg',
  priceCents,
  currency: 'USD',
  categories: ['kitchen'],
  stock: 3,
});

describe('ProductReadCache', () => {
  it('answers a repeat read from memory until it expires', async () => {
    let now = 1_000;
    jest.spyOn(Date, 'now').mockImplementation(() => now);
    const cache = new ProductReadCache(1000);
    const load = jest.fn((id: string) => Promise.resolve(product(id, 500)));
    await cache.get('a', () => load('a'));
    await cache.get('a', () => load('a'));
    expect(load).toHaveBeenCalledTimes(1);
    now += 1001;
    await cache.get('a', () => load('a'));
    expect(load).toHaveBeenCalledTimes(2);
    jest.restoreAllMocks();
  });

  it('reads the database again after a write, and never stores a read that raced the write', async () => {
    const cache = new ProductReadCache(60_000);
    let price = 500;
    let release: () => void = () => undefined;
    const slow = (id: string) =>
      new Promise<Product>((resolve) => {
        const seen = price; // what the database answered before the write committed
        release = () => resolve(product(id, seen));
      });
    const racing = cache.get('a', () => slow('a'));
    price = 900;
    cache.invalidate();
    release();
    expect((await racing)!.priceCents).toBe(500);
    // The stale answer was not kept: the next read goes to the database.
    const fresh = await cache.get('a', () => Promise.resolve(product('a', price)));
    expect(fresh!.priceCents).toBe(900);
  });

  it('keeps no unknown ids and reads through when switched off', async () => {
    const cache = new ProductReadCache(60_000);
    const missing = jest.fn((_id: string) => Promise.resolve(undefined));
    await cache.get('x', () => missing('x'));
    await cache.get('x', () => missing('x'));
    expect(missing).toHaveBeenCalledTimes(2);
    const off = new ProductReadCache(0);
    const load = jest.fn((id: string) => Promise.resolve(product(id, 1)));
    await off.get('a', () => load('a'));
    await off.get('a', () => load('a'));
    expect(load).toHaveBeenCalledTimes(2);
  });
});
