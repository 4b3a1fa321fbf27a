import { ExponentialBackoff } from '../src/k8s/backoff';
import { WorkQueue } from '../src/k8s/work-queue';

const queue = () => new WorkQueue({ baseMs: 10, maxMs: 80 });
const tick = (ms = 0) => new Promise((resolve) => setTimeout(resolve, ms));

describe('WorkQueue', () => {
  it('holds a key once however often it is added', async () => {
    const q = queue();
    q.add('shop/a');
    q.add('shop/b');
    q.add('shop/a');
    expect(q.depth).toBe(2);
    expect(await q.get()).toBe('shop/a');
    expect(await q.get()).toBe('shop/b');
    q.shutDown();
  });

  it('never hands one key to two workers; a change during processing is queued after done()', async () => {
    const q = queue();
    q.add('shop/a');
    const first = await q.get();
    q.add('shop/a'); // an event arrives while a worker is on it
    expect(q.depth).toBe(0);
    const second = q.get();
    let handedOut = false;
    void second.then(() => (handedOut = true));
    await tick(5);
    expect(handedOut).toBe(false);
    q.done(first!);
    expect(await second).toBe('shop/a');
    q.shutDown();
  });

  it('wakes a waiting worker when a key arrives', async () => {
    const q = queue();
    const waiting = q.get();
    q.add('shop/x');
    expect(await waiting).toBe('shop/x');
    q.shutDown();
  });

  it('adds a key after a delay, and the earlier of two delays wins', async () => {
    const q = queue();
    q.addAfter('shop/a', 200);
    q.addAfter('shop/a', 20);
    expect(q.depth).toBe(0);
    const started = Date.now();
    expect(await q.get()).toBe('shop/a');
    expect(Date.now() - started).toBeLessThan(190);
    q.shutDown();
  });

  it('retries a failing key with growing backoff until it is forgotten', () => {
    const q = queue();
    expect([1, 2, 3, 4, 5].map(() => q.addRateLimited('shop/a'))).toEqual([10, 20, 40, 80, 80]);
    expect(q.failuresOf('shop/a')).toBe(5);
    q.forget('shop/a');
    expect(q.addRateLimited('shop/a')).toBe(10);
    q.shutDown();
  });

  it('releases waiting workers on shutdown and accepts nothing after', async () => {
    const q = queue();
    const waiting = q.get();
    q.shutDown();
    expect(await waiting).toBeUndefined();
    q.add('shop/a');
    expect(await q.get()).toBeUndefined();
  });
});

describe('ExponentialBackoff', () => {
  it('keeps keys apart', () => {
    const backoff = new ExponentialBackoff({ baseMs: 100, maxMs: 1000 });
    expect(backoff.next('a')).toBe(100);
    expect(backoff.next('a')).toBe(200);
    expect(backoff.next('b')).toBe(100);
  });
});
