import {
  DAPR_COMPONENTS,
  remainingBudget,
  sidecarRequest,
  unavailable,
  type SidecarAnswer,
  type SidecarConfig,
} from '@gomall/kit';
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

/** A state call outside a request (readiness) gets this long; within one, what the request has left. */
const STATE_TIMEOUT_MS = 5000;

/**
 * daprd's state API with first-write-wins concurrency, over the kit's pooled sidecar connections
 * (plain HTTP, as every Gomall call to its sidecar). A read answers the value with its ETag header,
 * 204 for a missing key; anything else — the store unreachable, Redis hung, a timeout — is 503,
 * never an empty cart (or a checkout would be refused as "the cart is empty").
 */
export class DaprVersionedStore implements VersionedStore {
  private readonly path: string;

  constructor(
    private readonly sidecar: SidecarConfig,
    storeName: string = DAPR_COMPONENTS.stateStore,
  ) {
    this.path = `/v1.0/state/${encodeURIComponent(storeName)}`;
  }

  async read(key: string): Promise<Versioned<unknown>> {
    const answer = await this.call('GET', `/${encodeURIComponent(key)}?consistency=strong`);
    if (answer.status === 204 || (answer.status === 200 && answer.text === '')) {
      return { value: undefined, etag: undefined };
    }
    if (answer.status !== 200) throw unavailable('The cart store is unavailable');
    const etag = answer.headers.etag;
    return {
      value: parseValue(answer.text),
      etag: typeof etag === 'string' && etag ? etag : undefined,
    };
  }

  async write(
    key: string,
    value: unknown,
    etag: string | undefined,
  ): Promise<'saved' | 'conflict'> {
    const entry = {
      key,
      value,
      ...(etag ? { etag } : {}),
      options: { concurrency: 'first-write', consistency: 'strong' },
    };
    const { status } = await this.call('POST', '', JSON.stringify([entry]));
    if (status >= 200 && status <= 299) return 'saved';
    // daprd answers 409 for an ETag mismatch. Without an ETag (a cart that did not exist when we
    // read it) the Redis store refuses the insert with a plain 500 once another writer created it.
    if (status === 409 || status === 412 || (!etag && status === 500)) return 'conflict';
    throw unavailable('The cart store is unavailable');
  }

  async remove(key: string): Promise<void> {
    const { status } = await this.call('DELETE', `/${encodeURIComponent(key)}`);
    if (status < 200 || status > 299) throw unavailable('The cart store is unavailable');
  }

  private async call(
    method: 'GET' | 'POST' | 'DELETE',
    path: string,
    body?: string,
  ): Promise<SidecarAnswer> {
    const timeoutMs = remainingBudget() ?? STATE_TIMEOUT_MS;
    if (timeoutMs <= 0) throw unavailable('The request ran out of time; try again');
    try {
      return await sidecarRequest(this.sidecar, method, `${this.path}${path}`, body, timeoutMs);
    } catch {
      throw unavailable('The cart store is unavailable');
    }
  }
}

/** The stored JSON; a value that is not JSON is passed on as text (CartStore reads it as empty). */
function parseValue(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
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
