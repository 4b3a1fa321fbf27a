export interface BackoffOptions {
  baseMs: number;
  maxMs: number;
}

/**
 * Per-key exponential backoff: base, 2×base, 4×base … capped at max. A key that succeeds is
 * forgotten, so its next failure starts from the base again.
 */
export class ExponentialBackoff {
  private readonly failures = new Map<string, number>();

  constructor(private readonly options: BackoffOptions) {}

  /** The delay before the next attempt of this key, counting this failure. */
  next(key: string): number {
    const failures = this.failures.get(key) ?? 0;
    this.failures.set(key, failures + 1);
    return Math.min(this.options.maxMs, this.options.baseMs * 2 ** Math.min(failures, 30));
  }

  failuresOf(key: string): number {
    return this.failures.get(key) ?? 0;
  }

  forget(key: string): void {
    this.failures.delete(key);
  }
}
