import { StateConcurrencyEnum, StateConsistencyEnum, type DaprClient } from '@dapr/dapr';
import { DAPR_COMPONENTS, unavailable } from '@gomall/kit';
import { emptyCart, storedCartSchema, type StoredCart } from '../domain/cart';

/** A value read together with the version it was read at. */
export interface Versioned<T> {
  value: T | undefined;
  etag: string | undefined;
}

/** The two state-store operations optimistic concurrency needs (Dapr's, or a fake in unit tests). */
export interface VersionedStore {
  read(key: string): Promise<Versioned<unknown>>;
  /** Writes only if the stored version is still `etag` (or, without one, if there is no value). */
  write(key: string, value: unknown, etag: string | undefined): Promise<'saved' | 'conflict'>;
  remove(key: string): Promise<void>;
}

/** Dapr's SDK reports a failed call as an Error whose message is `{ status, error_msg }` JSON. */
function sdkStatus(error: unknown): number | undefined {
  if (!(error instanceof Error)) return undefined;
  try {
    const parsed = JSON.parse(error.message) as { status?: unknown };
    return typeof parsed.status === 'number' ? parsed.status : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The Dapr state store with first-write-wins concurrency. `getBulk` is used for reads because,
 * unlike the SDK's `get` over HTTP, it returns the ETag.
 */
/** The state calls the store makes of Dapr's client. */
export interface DaprStateCalls {
  state: Pick<DaprClient['state'], 'getBulk' | 'save' | 'delete'>;
}

export class DaprVersionedStore implements VersionedStore {
  constructor(
    private readonly client: DaprStateCalls,
    private readonly storeName: string = DAPR_COMPONENTS.stateStore,
  ) {}

  async read(key: string): Promise<Versioned<unknown>> {
    let item: Record<string, unknown> | undefined;
    try {
      [item] = await this.client.state.getBulk(this.storeName, [key]);
    } catch {
      throw unavailable('The cart store is unavailable');
    }
    // A bulk read that the store could not serve (Redis hung or down) is not a failed call but an
    // entry with an `error` and no data: it must never pass for an empty cart, or a checkout would
    // be refused as "the cart is empty" (found by the fault suite).
    const failed: unknown = item?.error;
    if (failed !== undefined && failed !== null && failed !== '') {
      throw unavailable('The cart store is unavailable');
    }
    const data: unknown = item?.data;
    const etag: unknown = item?.etag;
    // A missing key comes back as an entry without data (or with an empty string).
    if (data === undefined || data === null || data === '')
      return { value: undefined, etag: undefined };
    return { value: data, etag: typeof etag === 'string' && etag !== '' ? etag : undefined };
  }

  async write(
    key: string,
    value: unknown,
    etag: string | undefined,
  ): Promise<'saved' | 'conflict'> {
    const result = await this.client.state.save(this.storeName, [
      {
        key,
        value,
        ...(etag ? { etag } : {}),
        options: {
          concurrency: StateConcurrencyEnum.CONCURRENCY_FIRST_WRITE,
          consistency: StateConsistencyEnum.CONSISTENCY_STRONG,
        },
      },
    ]);
    if (!result.error) return 'saved';
    const status = sdkStatus(result.error);
    // daprd answers 409 for an ETag mismatch. Without an ETag (a cart that did not exist when we
    // read it) the Redis store refuses the insert with a plain 500 once another writer created it.
    if (status === 409 || status === 412 || (!etag && status === 500)) return 'conflict';
    throw unavailable('The cart store is unavailable');
  }

  async remove(key: string): Promise<void> {
    const result = await this.client.state.delete(this.storeName, key);
    if (result.error) throw unavailable('The cart store is unavailable');
  }
}

const keyOf = (userId: string) => `cart-${userId}`;

/**
 * Carts by user id. Every change is read → change → write-if-unchanged, retried when another
 * write to the same cart got in between, so concurrent adds never lose an update.
 */
export class CartStore {
  constructor(
    private readonly store: VersionedStore,
    private readonly maxAttempts: number,
    private readonly pause: (attempt: number) => Promise<void> = jitteredPause,
  ) {}

  async get(userId: string): Promise<StoredCart> {
    return this.parse((await this.store.read(keyOf(userId))).value);
  }

  async update(userId: string, change: (cart: StoredCart) => StoredCart): Promise<StoredCart> {
    for (let attempt = 1; ; attempt++) {
      const current = await this.store.read(keyOf(userId));
      // Domain errors (404 line, 400 over 99) are thrown here and end the update.
      const next = change(this.parse(current.value));
      if ((await this.store.write(keyOf(userId), next, current.etag)) === 'saved') return next;
      if (attempt >= this.maxAttempts) {
        throw unavailable('The cart is too busy right now; try again');
      }
      await this.pause(attempt);
    }
  }

  clear(userId: string): Promise<void> {
    return this.store.remove(keyOf(userId));
  }

  private parse(value: unknown): StoredCart {
    if (value === undefined) return emptyCart();
    const parsed = storedCartSchema.safeParse(value);
    // A value we cannot read is treated as an empty cart rather than blocking the shopper forever.
    return parsed.success ? parsed.data : emptyCart();
  }
}

/** Spreads the retries of writers that collided so they do not collide again in lockstep. */
async function jitteredPause(attempt: number): Promise<void> {
  const ceiling = Math.min(100, 5 * 2 ** attempt);
  await new Promise((resolve) => setTimeout(resolve, Math.random() * ceiling));
}
