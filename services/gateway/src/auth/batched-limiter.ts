import { RateLimiterRes } from 'rate-limiter-flexible';
import { rateLimited } from './limiter-factory';

/** The shared fixed-window counters (RateLimiterRedis; RateLimiterMemory in unit tests). */
interface SharedCounters {
  /** Adds `points` to the key's window; rejects with a RateLimiterRes when that passes the budget. */
  consume(key: string, points: number): Promise<RateLimiterRes>;
  /** Adds `points` whatever the budget says, and answers the window's total. */
  penalty(key: string, points: number): Promise<RateLimiterRes>;
}

/** One key's window as this process knows it. */
interface Window {
  /** The shared total as Redis last answered it (every replica's requests counted). */
  shared: number;
  /** Let through here and not yet added to Redis. */
  pending: number;
  /** Being added to Redis right now (counted until Redis answers with the new total). */
  flushing: number;
  /** When the window ends (this process's clock, from the key's TTL in Redis). */
  resetAt: number;
  /** Set while the window's first request asks Redis: the key's other requests wait for it. */
  learning?: Promise<void>;
}

/**
 * A fixed-window budget per key whose counters live in Redis (shared by every gateway replica),
 * without a Redis round trip per request: the first request of a key's window asks Redis (which
 * counts it, decides it and tells when the window ends) while the key's other requests wait for
 * that answer; the following ones are decided here, from the shared total Redis last answered
 * plus what this process let through since, and those are added to Redis in one command per key
 * every `syncEveryMs`. In one process the budget is exact: every request let through is counted,
 * and Redis answers one connection's commands in the order they were sent. With several replicas
 * a key's budget can be passed by what the others let through in one sync interval. While Redis
 * cannot be reached the counts stay here (an in-process limiter), added once it answers again.
 */
export class BatchedLimiter {
  private readonly windows = new Map<string, Window>();
  private readonly timer: NodeJS.Timeout;
  private syncing = false;

  constructor(
    private readonly counters: SharedCounters,
    private readonly points: number,
    private readonly durationSec: number,
    syncEveryMs = 100,
  ) {
    this.timer = setInterval(() => void this.sync(), syncEveryMs);
    this.timer.unref();
  }

  /** Counts one request of `key`; over the budget it is refused (429 with Retry-After). */
  async consume(key: string): Promise<void> {
    for (;;) {
      const window = this.windows.get(key);
      if (window?.learning) {
        await window.learning;
        continue;
      }
      const now = Date.now();
      if (window && now < window.resetAt) {
        if (window.shared + window.flushing + window.pending >= this.points) {
          throw rateLimited(window.resetAt - now);
        }
        window.pending++;
        return;
      }
      return this.ask(key, window);
    }
  }

  /** The key's first request of a window (as far as this process knows): Redis decides. */
  private async ask(key: string, known: Window | undefined): Promise<void> {
    const window = known ?? this.open(key);
    // What an ended window had not added yet counted against a budget that has been renewed.
    window.pending = 0;
    let learnt!: () => void;
    window.learning = new Promise<void>((resolve) => (learnt = resolve));
    try {
      this.learn(window, await this.counters.consume(key, 1));
    } catch (rejection) {
      if (rejection instanceof RateLimiterRes) {
        this.learn(window, rejection);
        throw rateLimited(rejection.msBeforeNext);
      }
      // Redis is away: counted here for a window's length, added to Redis by a later sync.
      window.resetAt = Date.now() + this.durationSec * 1000;
      window.pending++;
    } finally {
      window.learning = undefined;
      learnt();
    }
  }

  /** Adds what was let through here to Redis, one command per key, and learns the totals. */
  async sync(): Promise<void> {
    if (this.syncing) return;
    this.syncing = true;
    try {
      const now = Date.now();
      const flushes: Promise<void>[] = [];
      for (const [key, window] of this.windows) {
        if (now >= window.resetAt && !window.learning && window.flushing === 0) {
          // Over: the key's next request asks Redis again.
          this.windows.delete(key);
          continue;
        }
        if (window.pending === 0) continue;
        const points = window.pending;
        window.pending = 0;
        window.flushing += points;
        flushes.push(
          this.counters.penalty(key, points).then(
            (answer) => {
              window.flushing -= points;
              this.learn(window, answer);
            },
            () => {
              // Not added: kept to add next time.
              window.flushing -= points;
              window.pending += points;
            },
          ),
        );
      }
      await Promise.all(flushes);
    } finally {
      this.syncing = false;
    }
  }

  close(): void {
    clearInterval(this.timer);
  }

  private open(key: string): Window {
    const window: Window = { shared: 0, pending: 0, flushing: 0, resetAt: 0 };
    this.windows.set(key, window);
    return window;
  }

  /**
   * Redis's answer: the shared total then. One connection's answers come in the order the
   * commands were sent, so a later answer always includes an earlier command's points.
   */
  private learn(window: Window, answer: RateLimiterRes): void {
    window.shared = answer.consumedPoints;
    window.resetAt = Date.now() + answer.msBeforeNext;
  }
}
