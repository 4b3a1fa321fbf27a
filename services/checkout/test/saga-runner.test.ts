import { AppError, createLogger, ServiceMetrics } from '@gomall/kit';
import type { SagaData } from '../src/domain/saga-data';
import { LostOwnershipError, type SagaLease } from '../src/domain/saga-run';
import { faultSwitch } from '../src/fault';
import { CheckoutMetrics } from '../src/metrics';
import { CHECKOUT_STEPS, stepIndex } from '../src/saga/checkout-steps';
import { SagaRunner, type SagaStore } from '../src/saga/saga-runner';
import { baseData, CARD, fakeServices, succeededPayment } from './fakes';

const logger = createLogger('checkout-test', 'silent');

/** Records what the runner stores, like the MariaDB repository would (one owner token). */
class MemorySagas implements SagaStore {
  steps: number[] = [];
  status = 'running';
  compensatingFrom: number | undefined;
  owner = 't1';
  renewals = 0;
  /** What finish() settled the Idempotency-Key with (null: forgotten). */
  answer: { status: number; body: unknown } | null | undefined;

  private owned(lease: SagaLease) {
    if (lease.token !== this.owner) throw new LostOwnershipError(lease.id);
  }
  recordStep(lease: SagaLease, index: number, _data: SagaData) {
    this.owned(lease);
    this.steps.push(index);
    return Promise.resolve();
  }
  renew(lease: SagaLease) {
    this.renewals++;
    return Promise.resolve(lease.token === this.owner);
  }
  markCompensating(lease: SagaLease, from: number) {
    this.owned(lease);
    this.status = 'compensating';
    this.compensatingFrom = from;
    return Promise.resolve();
  }
  resume(lease: SagaLease, index: number) {
    this.owned(lease);
    this.status = 'running';
    this.steps.push(index);
    return Promise.resolve();
  }
  finish(
    lease: SagaLease,
    status: string,
    _data: SagaData,
    answer?: { status: number; body: unknown },
  ) {
    this.owned(lease);
    this.status = status;
    this.answer = answer ?? null;
    return Promise.resolve();
  }
}

function setUp(renewEveryMs = 60_000) {
  const services = fakeServices();
  const sagas = new MemorySagas();
  const metrics = new CheckoutMetrics(new ServiceMetrics('checkout-test'));
  const runner = new SagaRunner(
    CHECKOUT_STEPS,
    sagas,
    services,
    metrics,
    faultSwitch(undefined, undefined, logger),
    logger,
    { renewEveryMs },
  );
  const run = (stepIndex = 0, data = baseData(), token = 't1') =>
    runner.forward({ id: 'o1', token, data, stepIndex, startedAt: Date.now() }, CARD);
  return { services, sagas, metrics, run, runner };
}

const forward = [
  'carts.lines',
  'products.reserve',
  'orders.create',
  'payments.charge',
  'orders.markPaid',
  'products.commit',
  'carts.clear',
];

const counted = async (metrics: CheckoutMetrics, outcome: string) =>
  (await metrics.sagaOutcomes.get()).values.find((v) => v.labels.outcome === outcome)?.value ?? 0;

describe('SagaRunner', () => {
  it('runs every step in order, recording each before the next', async () => {
    const { services, sagas, metrics, run } = setUp();
    const result = await run();
    expect(result.outcome).toBe('completed');
    expect(services.calls).toEqual(forward);
    expect(sagas.steps).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(sagas.status).toBe('completed');
    expect(sagas.answer?.status).toBe(201);
    expect(await counted(metrics, 'completed')).toBe(1);
  });

  it('gives every mutating call the Idempotency-Key of its saga step', async () => {
    const { services, run } = setUp();
    await run();
    expect(services.keys).toEqual({
      'products.reserve': ['o1:reserve-stock'],
      'orders.create': ['o1:create-order'],
      'payments.charge': ['o1:charge-payment'],
      'orders.markPaid': ['o1:mark-order-paid'],
      'products.commit': ['o1:commit-stock'],
    });
  });

  it('a declined card is a refusal: the order service cancels, the saga releases and refunds nothing itself', async () => {
    const { services, sagas, metrics, run } = setUp();
    services.fail['payments.charge'] = new AppError(402, 'PAYMENT_DECLINED', 'declined');
    const result = await run();
    expect(result).toMatchObject({ outcome: 'refused', failure: { status: 402 } });
    // One undo, one owner: product and payment react to order.cancelled.
    expect(services.calls).toEqual([...forward.slice(0, 4), 'orders.markCancelled']);
    expect(services.keys['orders.markCancelled']).toEqual(['o1:cancel-order']);
    expect(sagas.status).toBe('compensated');
    expect(sagas.answer).toMatchObject({
      status: 402,
      body: { error: { code: 'PAYMENT_DECLINED' } },
    });
    expect((await metrics.paymentDeclines.get()).values[0]!.value).toBe(1);
    expect(await counted(metrics, 'refused')).toBe(1);
    expect(await counted(metrics, 'compensated')).toBe(0);
  });

  it('a charge of unknown outcome (timeout) is undone by cancelling the order only; the key is forgotten', async () => {
    const { services, sagas, metrics, run } = setUp();
    services.fail['payments.charge'] = new AppError(503, 'UNAVAILABLE', 'down');
    const result = await run();
    expect(result.outcome).toBe('compensated');
    // No refund, no lookup: the payment service refunds or voids on order.cancelled.
    expect(services.calls.slice(4)).toEqual(['orders.markCancelled']);
    expect(sagas.compensatingFrom).toBe(stepIndex('charge-payment'));
    expect(sagas.answer).toBeNull();
    expect(await counted(metrics, 'compensated')).toBe(1);
  });

  it('a reserve of unknown outcome leaves a cancel (and so a released marker), not nothing', async () => {
    const { services, run } = setUp();
    services.fail['products.reserve'] = new AppError(503, 'UNAVAILABLE', 'timed out');
    expect((await run()).outcome).toBe('compensated');
    expect(services.calls).toEqual(['carts.lines', 'products.reserve', 'orders.markCancelled']);
  });

  it('insufficient stock is a refusal that undoes nothing the product service refused', async () => {
    const { services, metrics, run } = setUp();
    services.fail['products.reserve'] = new AppError(409, 'INSUFFICIENT_STOCK', 'no stock');
    const result = await run();
    expect(result).toMatchObject({ outcome: 'refused', failure: { code: 'INSUFFICIENT_STOCK' } });
    expect(services.calls).toEqual(['carts.lines', 'products.reserve']);
    expect((await metrics.reservationConflicts.get()).values[0]!.value).toBe(1);
  });

  it('an empty cart is a refusal of its own: answered, not a failed saga', async () => {
    const { services, sagas, metrics, run } = setUp();
    services.fail['carts.lines'] = new AppError(400, 'VALIDATION_FAILED', 'The cart is empty');
    expect(await run()).toMatchObject({ outcome: 'refused', failure: { status: 400 } });
    expect(services.calls).toEqual(['carts.lines']);
    expect(sagas.answer?.status).toBe(400);
    expect(await counted(metrics, 'refused')).toBe(1);
    expect(await counted(metrics, 'compensated')).toBe(0);
    expect(await counted(metrics, 'stuck')).toBe(0);
  });

  it('a cart service that fails is not a refusal: nothing to undo, the key is forgotten', async () => {
    const { services, sagas, metrics, run } = setUp();
    services.fail['carts.lines'] = new AppError(503, 'UNAVAILABLE', 'cart store hung');
    expect(await run()).toMatchObject({ outcome: 'compensated', failure: { status: 503 } });
    expect(services.calls).toEqual(['carts.lines']);
    expect(sagas.answer).toBeNull();
    expect(await counted(metrics, 'refused')).toBe(0);
    expect(await counted(metrics, 'compensated')).toBe(1);
  });

  it('after the charge a transient failure leaves the saga to recovery instead of undoing it', async () => {
    const { services, sagas, metrics, run } = setUp();
    services.fail['orders.markPaid'] = new AppError(503, 'UNAVAILABLE', 'down');
    expect((await run()).outcome).toBe('unfinished');
    expect(services.calls).toEqual(forward.slice(0, 5));
    expect(sagas.status).toBe('running');
    expect((await metrics.sagaOutcomes.get()).values).toEqual([]);
  });

  it('after the charge a refusal (the sweep cancelled the order) meets a final order: counted as done', async () => {
    const { services, sagas, run } = setUp();
    services.fail['orders.markPaid'] = new AppError(409, 'CONFLICT', 'order cancelled meanwhile');
    expect((await run()).outcome).toBe('compensated');
    expect(services.calls.slice(5)).toEqual(['orders.markCancelled']);
    expect(sagas.status).toBe('compensated');
  });

  it('a compensation that meets a paid order finishes the saga forward instead', async () => {
    const { services, sagas, run } = setUp();
    // mark-paid went through but its answer was lost, then the retry was refused for a moment
    services.fail['orders.markPaid'] = new AppError(409, 'CONFLICT', 'seen as a conflict');
    services.cancelledStatus = 'paid';
    services.payment = succeededPayment;
    let release!: () => void;
    services.hold['orders.markCancelled'] = new Promise<void>((resolve) => (release = resolve));
    const pending = run();
    while (!services.calls.includes('orders.markCancelled')) {
      await new Promise((resolve) => setTimeout(resolve, 1));
    }
    services.fail['orders.markPaid'] = undefined;
    release();
    expect((await pending).outcome).toBe('completed');
    expect(services.calls.slice(5)).toEqual([
      'orders.markCancelled',
      'payments.byOrder',
      'orders.markPaid',
      'products.commit',
      'carts.clear',
    ]);
    expect(sagas.status).toBe('completed');
    expect(sagas.answer?.status).toBe(201);
  });

  it('completes even when emptying the cart fails', async () => {
    const { services, run } = setUp();
    services.fail['carts.clear'] = new AppError(503, 'UNAVAILABLE', 'down');
    expect((await run()).outcome).toBe('completed');
  });

  it('resumes from a recorded step without repeating earlier ones', async () => {
    const { services, run } = setUp();
    const start = stepIndex('mark-order-paid');
    const data = baseData({ payment: succeededPayment });
    expect((await run(start, data)).outcome).toBe('completed');
    expect(services.calls).toEqual(forward.slice(start));
  });

  it('reports a compensation that could not finish as unfinished (recovery retries, then parks it)', async () => {
    const { services, sagas, metrics, run } = setUp();
    services.fail['payments.charge'] = new AppError(402, 'PAYMENT_DECLINED', 'declined');
    services.fail['orders.markCancelled'] = new AppError(503, 'UNAVAILABLE', 'down');
    expect((await run()).outcome).toBe('unfinished');
    expect(sagas.status).toBe('compensating');
    expect(await counted(metrics, 'refused')).toBe(0);
  });

  it('stops when another run took the saga over (owner token per run)', async () => {
    const { sagas, run } = setUp();
    sagas.owner = 't2';
    await expect(run(0, baseData(), 't1')).rejects.toBeInstanceOf(LostOwnershipError);
  });

  it('renews the lease while a slow step runs, and stops at the step after it lost the lease', async () => {
    const { services, sagas, run } = setUp(10);
    let release!: () => void;
    services.hold['payments.charge'] = new Promise<void>((resolve) => (release = resolve));
    const pending = run();
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(sagas.renewals).toBeGreaterThanOrEqual(3);
    // Meanwhile the run was frozen long enough for recovery to take over: its token is stale.
    sagas.owner = 'recovery';
    release();
    await expect(pending).rejects.toBeInstanceOf(LostOwnershipError);
    expect(sagas.steps).toEqual([1, 2, 3]); // the charge's result was never recorded by this run
    const renewals = sagas.renewals;
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(sagas.renewals).toBe(renewals); // no renewal after the step ended
  });
});
