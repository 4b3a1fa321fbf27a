import { DaprVersionedStore, type DaprStateCalls } from '../src/data/cart-store';

/** daprd's bulk read as the SDK returns it: one entry per key, with an `error` it could not read. */
const daprWith = (getBulk: () => Promise<Record<string, unknown>[]>): DaprStateCalls => ({
  state: {
    getBulk,
    save: () => Promise.reject(new Error('save: not used here')),
    delete: () => Promise.reject(new Error('delete: not used here')),
  },
});

describe('DaprVersionedStore.read', () => {
  it('reads a value with its ETag, and a missing key as no value', async () => {
    const store = new DaprVersionedStore(
      daprWith(() => Promise.resolve([{ key: 'cart-u1', data: { items: [] }, etag: '3' }])),
    );
    expect(await store.read('cart-u1')).toEqual({ value: { items: [] }, etag: '3' });
    const empty = new DaprVersionedStore(daprWith(() => Promise.resolve([{ key: 'cart-u1' }])));
    expect(await empty.read('cart-u1')).toEqual({ value: undefined, etag: undefined });
  });

  it('a read the store could not serve (Redis hung) is 503, never an empty cart', async () => {
    const store = new DaprVersionedStore(
      daprWith(() => Promise.resolve([{ key: 'cart-u1', error: 'i/o timeout' }])),
    );
    await expect(store.read('cart-u1')).rejects.toMatchObject({ status: 503 });
    const down = new DaprVersionedStore(daprWith(() => Promise.reject(new Error('ECONNREFUSED'))));
    await expect(down.read('cart-u1')).rejects.toMatchObject({ status: 503 });
  });
});
