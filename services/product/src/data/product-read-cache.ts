/**
 * Catalog answers (a product by id, a page of the list, the category counts) as the catalog last
 * read them. Every write of this process to a product or its stock (ProductRepository,
 * StockRepository) calls `invalidate()` once it has committed, which empties the cache and bumps
 * a generation: a read that started before the write and ends after it is not stored, so no
 * answer older than the last local write is served. Writes of other replicas are not seen;
 * `ttlMs` bounds how old an entry can get (a catalog page is that stale at most). Reservations,
 * commits and lookups never read from here: a checkout always prices and counts from the
 * database. `ttlMs` 0 switches the cache off.
 */
export class ProductReadCache {
  private readonly entries = new Map<string, { value: unknown; expiresAt: number }>();
  private generation = 0;

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries = 10_000,
  ) {}

  /** `load`'s answer for `key`, from memory while fresh; an undefined answer is never kept. */
  async get<T>(key: string, load: () => Promise<T | undefined>): Promise<T | undefined> {
    if (this.ttlMs <= 0) return load();
    const now = Date.now();
    const hit = this.entries.get(key);
    if (hit && hit.expiresAt > now) return hit.value as T;
    const generation = this.generation;
    const value = await load();
    // Unknown ids are not kept: a product created elsewhere must show up at once.
    if (value !== undefined && generation === this.generation) {
      if (this.entries.size >= this.maxEntries) this.entries.clear();
      this.entries.set(key, { value, expiresAt: now + this.ttlMs });
    }
    return value;
  }

  invalidate(): void {
    this.generation++;
    this.entries.clear();
  }
}
