import { AppError } from '@gomall/kit';
import { CartStore, type Versioned, type VersionedStore } from '../src/data/cart-store';
import { addItem } from '../src/domain/cart';

/** An in-memory store with the same first-write-wins rule as Dapr's, to exercise the retry loop. */
class MemoryStore implements VersionedStore {
  readonly values = new Map<string, { value: unknown; version: number }>();
  /** Writes that are made to lose, as if another writer got in first. */
  forcedConflicts = 0;

  read(key: string): Promise<Versioned<unknown>> {
    const entry = this.values.get(key);
    return Promise.resolve(
      entry
        ? { value: entry.value, etag: String(entry.version) }
        : { value: undefined, etag: undefined },
    );
  }

  write(key: string, value: unknown, etag: string | undefined): Promise<'saved' | 'conflict'> {
    const entry = this.values.get(key);
    const stale = entry ? etag !== String(entry.version) : etag !== undefined;
    if (stale || this.forcedConflicts > 0) {
      this.forcedConflicts = Math.max(0, this.forcedConflicts - 1);
      return Promise.resolve('conflict');
    }
    this.values.set(key, { value, version: (entry?.version ?? 0) + 1 });
    return Promise.resolve('saved');
  }

  remove(key: string): Promise<void> {
    this.values.delete(key);
    return Promise.resolve();
  }
}

const noPause = () => Promise.resolve();

describe('CartStore', () => {
  it('never loses an update when writers race for one cart', async () => {
    const memory = new MemoryStore();
    const carts = new CartStore(memory, 1000, () => new Promise((r) => setImmediate(r)));
    await Promise.all(
      Array.from({ length: 25 }, (_, i) => carts.update('u1', (c) => addItem(c, `p${i}`, 1))),
    );
    const cart = await carts.get('u1');
    expect(cart.items).toHaveLength(25);
  });

  it('retries a lost write and gives up with 503 after the configured attempts', async () => {
    const memory = new MemoryStore();
    const carts = new CartStore(memory, 3, noPause);
    memory.forcedConflicts = 2;
    await carts.update('u1', (c) => addItem(c, 'p1', 1));
    expect((await carts.get('u1')).items).toEqual([{ productId: 'p1', quantity: 1 }]);

    memory.forcedConflicts = 3;
    const failure = await carts.update('u1', (c) => addItem(c, 'p1', 1)).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(AppError);
    expect((failure as AppError).status).toBe(503);
  });

  it('reads an unreadable stored value as an empty cart', async () => {
    const memory = new MemoryStore();
    memory.values.set('cart-u1', {
      value: { items: [{ productId: 'p1', quantity: -3 }] },
      version: 1,
    });
    expect(await new CartStore(memory, 3, noPause).get('u1')).toEqual({ items: [] });
  });
});
