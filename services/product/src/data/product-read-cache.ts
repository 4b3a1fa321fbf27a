import type { Product } from '../domain/catalog';

/**
 * Products by id as the catalog last read them, for `GET /products/:id` only. Every write of this
 * process to a product or its stock (ProductRepository, StockRepository) calls `invalidate()`
 * once it has committed, which empties the cache and bumps a generation: a read that started
 * before the write and ends after it is not stored, so no answer older than the last local write
 * is served. Writes of other replicas are not seen; `ttlMs` bounds how old an entry can get (a
 * catalog page is that stale at most). Reservations, commits and lookups never read from here:
 * a checkout always prices and counts from the database. `ttlMs` 0 switches the cache off.
 */
export class ProductReadCache {
  private readonly entries = new Map<string, { product: Product; expiresAt: number }>();
  private generation = 0;

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries = 10_000,
  ) {}

  async get(
    id: string,
    load: (id: string) => Promise<Product | undefined>,
  ): Promise<Product | undefined> {
    if (this.ttlMs <= 0) return load(id);
    const now = Date.now();
    const hit = this.entries.get(id);
    if (hit && hit.expiresAt > now) return hit.product;
    const generation = this.generation;
    const product = await load(id);
    // Unknown ids are not kept: a product created elsewhere must show up at once.
    if (product && generation === this.generation) {
      if (this.entries.size >= this.maxEntries) this.entries.clear();
      this.entries.set(id, { product, expiresAt: now + this.ttlMs });
    }
    return product;
  }

  invalidate(): void {
    this.generation++;
    this.entries.clear();
  }
}
