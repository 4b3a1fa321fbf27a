import { randomUUID } from 'node:crypto';
import { DaprVersionedStore } from '../../services/cart/src/data/cart-store';
import { itEnv } from './support/env';

/**
 * The cart's versioned store on daprd's state API (plain HTTP, no SDK), against the run's cart
 * sidecar and Redis: what the cart's optimistic concurrency relies on, as daprd really answers it.
 */
describe('DaprVersionedStore on the real sidecar', () => {
  const store = new DaprVersionedStore({
    DAPR_HOST: '127.0.0.1',
    DAPR_HTTP_PORT: Number(new URL(itEnv('CART_DAPR_URL')).port),
    DAPR_API_TOKEN: itEnv('CART_DAPR_TOKEN'),
  });
  const key = () => `cart-store-test-${randomUUID()}`;

  it('reads a missing key as no value and no version', async () => {
    expect(await store.read(key())).toEqual({ value: undefined, etag: undefined });
  });

  it('writes a new value, reads it back with its ETag, and writes again on that ETag', async () => {
    const k = key();
    expect(await store.write(k, { items: [{ productId: 'p1', quantity: 1 }] }, undefined)).toBe(
      'saved',
    );
    const first = await store.read(k);
    expect(first.value).toEqual({ items: [{ productId: 'p1', quantity: 1 }] });
    expect(first.etag).toEqual(expect.any(String));
    expect(await store.write(k, { items: [] }, first.etag)).toBe('saved');
    const second = await store.read(k);
    expect(second.value).toEqual({ items: [] });
    expect(second.etag).not.toBe(first.etag);
  });

  it('refuses a write on a stale ETag, and an insert over a value another writer created', async () => {
    const k = key();
    await store.write(k, { items: [] }, undefined);
    const read = await store.read(k);
    expect(await store.write(k, { items: [{ productId: 'p2', quantity: 2 }] }, read.etag)).toBe(
      'saved',
    );
    // The version read before that write is stale now.
    expect(await store.write(k, { items: [] }, read.etag)).toBe('conflict');
    // Read as missing earlier, created since: the blind insert must not overwrite it.
    expect(await store.write(k, { items: [] }, undefined)).toBe('conflict');
    expect((await store.read(k)).value).toEqual({ items: [{ productId: 'p2', quantity: 2 }] });
  });

  it('removes a value (and removing a missing one is fine)', async () => {
    const k = key();
    await store.write(k, { items: [] }, undefined);
    await store.remove(k);
    expect(await store.read(k)).toEqual({ value: undefined, etag: undefined });
    await store.remove(k);
  });

  it('answers 503, never an empty cart, when the sidecar cannot be reached', async () => {
    const nowhere = new DaprVersionedStore({ DAPR_HOST: '127.0.0.1', DAPR_HTTP_PORT: 9 });
    await expect(nowhere.read(key())).rejects.toMatchObject({ status: 503 });
    await expect(nowhere.write(key(), { items: [] }, undefined)).rejects.toMatchObject({
      status: 503,
    });
  });
});
