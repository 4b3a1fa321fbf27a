import { AppError } from '@gomall/kit';
import { RateLimiterMemory, type RateLimiterRes } from 'rate-limiter-flexible';
import { BatchedLimiter } from '../src/auth/batched-limiter';

/**
 * The batched budget over real fixed-window counters (rate-limiter-flexible's in-memory store,
 * which answers like the Redis one): exact in one process, shared between processes within one
 * sync, renewed with the window, and still limiting while the shared store is away.
 */
const POINTS = 50;
const limiters: BatchedLimiter[] = [];
afterEach(() => limiters.splice(0).forEach((l) => l.close()));

function batched(counters: RateLimiterMemory, durationSec = 60): BatchedLimiter {
  // A sync interval far beyond the test: each test syncs by hand.
  const limiter = new BatchedLimiter(counters, POINTS, durationSec, 3_600_000);
  limiters.push(limiter);
  return limiter;
}

async function outcomes(limiter: BatchedLimiter, key: string, count: number) {
  const results = await Promise.allSettled(
    Array.from({ length: count }, () => limiter.consume(key)),
  );
  const refused = results.filter((r) => r.status === 'rejected');
  for (const r of refused) {
    const error = r.reason as AppError;
    expect(error).toBeInstanceOf(AppError);
    expect(error.status).toBe(429);
    expect(Number(error.headers['Retry-After'])).toBeGreaterThanOrEqual(1);
  }
  return { allowed: count - refused.length, refused: refused.length };
}

describe('BatchedLimiter', () => {
  it('lets exactly the budget through in one process, however many arrive at once', async () => {
    const store = new RateLimiterMemory({ points: POINTS, duration: 60 });
    const limiter = batched(store);
    expect(await outcomes(limiter, 'ip-1', 80)).toEqual({ allowed: POINTS, refused: 30 });
    // A key of its own has a budget of its own.
    expect(await outcomes(limiter, 'ip-2', 10)).toEqual({ allowed: 10, refused: 0 });
    // Everything let through reaches the shared counters with the next sync.
    await limiter.sync();
    const counted = (await store.get('ip-1')) as RateLimiterRes;
    expect(counted.consumedPoints).toBeGreaterThanOrEqual(POINTS);
  });

  it('asks the shared counters once per window, not once per request', async () => {
    const store = new RateLimiterMemory({ points: POINTS, duration: 60 });
    const consume = jest.spyOn(store, 'consume');
    const penalty = jest.spyOn(store, 'penalty');
    const limiter = batched(store);
    for (let i = 0; i < 20; i++) await limiter.consume('ip-1');
    await limiter.sync();
    expect(consume).toHaveBeenCalledTimes(1);
    expect(penalty).toHaveBeenCalledTimes(1);
    expect(penalty).toHaveBeenCalledWith('ip-1', 19);
    expect(((await store.get('ip-1')) as RateLimiterRes).consumedPoints).toBe(20);
  });

  it('shares the budget between processes: each sees the others after a sync', async () => {
    const store = new RateLimiterMemory({ points: POINTS, duration: 60 });
    const first = batched(store);
    const second = batched(store);
    expect(await outcomes(first, 'user-1', 30)).toEqual({ allowed: 30, refused: 0 });
    await first.sync();
    // The second process's first request learns the shared total (31 with itself).
    expect(await outcomes(second, 'user-1', 30)).toEqual({ allowed: POINTS - 30, refused: 10 });
    await second.sync();
    // The first process decides from what Redis last told it (30) until its next sync adds its
    // own requests and learns the total: at most one sync interval behind the others.
    await first.consume('user-1');
    await first.sync();
    await expect(first.consume('user-1')).rejects.toMatchObject({ status: 429 });
  });

  it('renews the budget when the window ends', async () => {
    const store = new RateLimiterMemory({ points: POINTS, duration: 1 });
    const limiter = batched(store, 1);
    expect(await outcomes(limiter, 'ip-1', POINTS + 1)).toEqual({ allowed: POINTS, refused: 1 });
    await new Promise((r) => setTimeout(r, 1100));
    expect(await outcomes(limiter, 'ip-1', 5)).toEqual({ allowed: 5, refused: 0 });
  });

  it('keeps limiting in-process while the shared counters are away, and adds its counts later', async () => {
    const store = new RateLimiterMemory({ points: POINTS, duration: 60 });
    let away = true;
    const unreachable = () => Promise.reject(new Error('connect ECONNREFUSED'));
    const flaky = {
      consume: (key: string, points: number) => (away ? unreachable() : store.consume(key, points)),
      penalty: (key: string, points: number) => (away ? unreachable() : store.penalty(key, points)),
    };
    const limiter = new BatchedLimiter(flaky, POINTS, 60, 3_600_000);
    limiters.push(limiter);
    expect(await outcomes(limiter, 'ip-1', 60)).toEqual({ allowed: POINTS, refused: 10 });
    await limiter.sync(); // fails: the counts are kept
    away = false;
    await limiter.sync();
    expect(((await store.get('ip-1')) as RateLimiterRes).consumedPoints).toBe(POINTS);
  });
});
