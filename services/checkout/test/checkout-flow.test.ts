import { AppError, createLogger } from '@gomall/kit';
import type { StoredAnswer } from '../src/domain/answers';
import { CheckoutFlow } from '../src/domain/checkout-flow';
import { bodyFingerprint, type CheckoutBody } from '../src/domain/checkout-request';
import type {
  CheckoutKeys,
  IdempotencyRecord,
  NewCheckout,
  SagaStarter,
} from '../src/domain/ports';
import type { RunResult } from '../src/domain/saga-run';
import { baseData, CARD } from './fakes';

const logger = createLogger('checkout-test', 'silent');
const body: CheckoutBody = { address: baseData().address, card: CARD };
const created: StoredAnswer = { status: 201, body: { order: { id: 'o1' } } };

/** Idempotency records in memory, with the same "first insert wins" rule as the primary key. */
class MemoryKeys implements CheckoutKeys {
  records = new Map<string, IdempotencyRecord>();
  claims = 0;

  claim(checkout: NewCheckout): Promise<boolean> {
    this.claims++;
    const id = `${checkout.userId}/${checkout.idempotencyKey}`;
    if (this.records.has(id)) return Promise.resolve(false);
    this.records.set(id, {
      requestHash: checkout.requestHash,
      sagaId: checkout.saga.orderId,
      answer: undefined,
    });
    return Promise.resolve(true);
  }

  find(userId: string, key: string): Promise<IdempotencyRecord | undefined> {
    return Promise.resolve(this.records.get(`${userId}/${key}`));
  }
}

function setUp(result: () => Promise<RunResult>, waitMs = 1000) {
  const keys = new MemoryKeys();
  let runs = 0;
  /** The token each run was started with. */
  const tokens: string[] = [];
  const runner: SagaStarter = {
    forward: (run) => {
      runs++;
      tokens.push(run.token);
      return result();
    },
  };
  const flow = new CheckoutFlow(
    keys,
    runner,
    { newToken: () => `run-${runs + 1}`, leaseSql: () => 'NOW(3) + INTERVAL 1 SECOND' },
    { waitMs, pollMs: 5 },
    logger,
  );
  return { keys, flow, runs: () => runs, tokens };
}

const completed = (): Promise<RunResult> =>
  Promise.resolve({ outcome: 'completed', data: baseData(), answer: created });

describe('CheckoutFlow (Idempotency-Key)', () => {
  it('runs the saga for a new key and answers with its result', async () => {
    const { flow, runs } = setUp(completed);
    expect(await flow.checkout('u1', 'k1', body)).toEqual(created);
    expect(runs()).toBe(1);
  });

  it('replays a stored answer without running again, and refuses another body with 422', async () => {
    const { flow, keys, runs } = setUp(completed);
    keys.records.set('u1/k1', { requestHash: bodyFingerprint(body), sagaId: 's', answer: created });
    expect(await flow.checkout('u1', 'k1', body)).toEqual(created);
    const other = { ...body, address: { ...body.address, city: 'Elsewhere' } };
    const error = await flow.checkout('u1', 'k1', other).catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 422, code: 'IDEMPOTENCY_KEY_REUSED' });
    expect(runs()).toBe(0);
  });

  it('lets parallel duplicates wait for the single run and share its answer', async () => {
    let finish: (answer: StoredAnswer) => void = () => undefined;
    const { flow, keys, runs } = setUp(
      () =>
        new Promise<RunResult>((resolve) => {
          finish = (answer) => {
            keys.records.get('u1/k1')!.answer = answer;
            resolve({ outcome: 'completed', data: baseData(), answer });
          };
        }),
    );
    const answers = Promise.all(Array.from({ length: 5 }, () => flow.checkout('u1', 'k1', body)));
    await new Promise((r) => setTimeout(r, 30));
    finish(created);
    expect(await answers).toEqual(Array.from({ length: 5 }, () => created));
    expect(runs()).toBe(1);
  });

  it('answers 409 CONFLICT when the first request is still running after the wait', async () => {
    const { flow, keys } = setUp(completed, 20);
    keys.records.set('u1/k1', {
      requestHash: bodyFingerprint(body),
      sagaId: 's',
      answer: undefined,
    });
    const error = await flow.checkout('u1', 'k1', body).catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 409, code: 'CONFLICT' });
  });

  it('claims a key afresh once a rolled-back checkout forgot it', async () => {
    const { flow, keys, runs } = setUp(completed);
    keys.records.set('u1/k1', {
      requestHash: bodyFingerprint(body),
      sagaId: 's',
      answer: undefined,
    });
    setTimeout(() => keys.records.delete('u1/k1'), 20);
    expect(await flow.checkout('u1', 'k1', body)).toEqual(created);
    expect(runs()).toBe(1);
  });

  it('relays a failure that has no stored answer, and 503 for an unfinished saga', async () => {
    const down = new AppError(503, 'UNAVAILABLE', 'order service down');
    const rolledBack = setUp(() =>
      Promise.resolve({ outcome: 'compensated', failure: down, answer: undefined }),
    );
    await expect(rolledBack.flow.checkout('u1', 'k1', body)).rejects.toBe(down);
    const unfinished = setUp(() => Promise.resolve({ outcome: 'unfinished', failure: down }));
    await expect(unfinished.flow.checkout('u1', 'k2', body)).rejects.toMatchObject({
      status: 503,
    });
  });

  it('a retried 503 never starts a second saga while the first is unfinished; a fresh one only after it rolled back', async () => {
    const down = new AppError(503, 'UNAVAILABLE', 'payment service down');
    let outcome: RunResult = { outcome: 'unfinished', failure: down };
    const { flow, keys, runs, tokens } = setUp(() => Promise.resolve(outcome), 30);
    // The first request: the saga could not finish (recovery will); the buyer sees 503.
    await expect(flow.checkout('u1', 'k1', body)).rejects.toMatchObject({ status: 503 });
    // The buyer retries with the same key: no second saga, only "still in progress".
    await expect(flow.checkout('u1', 'k1', body)).rejects.toMatchObject({
      status: 409,
      code: 'CONFLICT',
    });
    expect(runs()).toBe(1);
    // Recovery rolled the first one back (its order cancelled, its payment voided): the key is
    // forgotten, and only now does a retry start afresh, as a run with a token of its own.
    keys.records.delete('u1/k1');
    outcome = { outcome: 'completed', data: baseData(), answer: created };
    expect(await flow.checkout('u1', 'k1', body)).toEqual(created);
    expect(runs()).toBe(2);
    expect(new Set(tokens).size).toBe(2);
  });
});
