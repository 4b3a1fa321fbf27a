import { AppError, createLogger, ServiceMetrics } from '@gomall/kit';
import { LostOwnershipError, type SagaRepository } from '../src/data/saga-repository';
import type { SagaData } from '../src/domain/saga-data';
import { faultSwitch } from '../src/fault';
import { CheckoutMetrics } from '../src/metrics';
import { CHECKOUT_STEPS, stepIndex } from '../src/saga/checkout-steps';
import { SagaRunner } from '../src/saga/saga-runner';
import { baseData, CARD, fakeServices } from './fakes';

const logger = createLogger('checkout-test', 'silent');

/** Records what the runner stores, like the MariaDB repository would. */
class MemorySagas {
  steps: number[] = [];
  status = 'running';
  compensatingFrom: number | undefined;
  stolen = false;
  /** What finish() settled the Idempotency-Key with (null: forgotten). */
  answer: { status: number; body: unknown } | null | undefined;

  recordStep(_id: string, index: number, _data: SagaData) {
    if (this.stolen) return Promise.reject(new LostOwnershipError('o1'));
    this.steps.push(index);
    return Promise.resolve();
  }
  markCompensating(_id: string, from: number) {
    this.status = 'compensating';
    this.compensatingFrom = from;
    return Promise.resolve();
  }
  finish(_id: string, status: string, _data: SagaData, answer?: { status: number; body: unknown }) {
    this.status = status;
    this.answer = answer ?? null;
    return Promise.resolve();
  }
}

function setUp() {
  const services = fakeServices();
  const sagas = new MemorySagas();
  const metrics = new CheckoutMetrics(new ServiceMetrics('checkout-test'));
  const runner = new SagaRunner(
    CHECKOUT_STEPS,
    sagas as unknown as SagaRepository,
    services,
    metrics,
    faultSwitch(undefined, undefined, logger),
    logger,
  );
  const run = (stepIndex = 0, data = baseData()) =>
    runner.forward({ id: 'o1', data, stepIndex, startedAt: Date.now() }, CARD);
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

  it('on a declined card cancels the order and releases the stock, refunding nothing', async () => {
    const { services, sagas, metrics, run } = setUp();
    services.fail['payments.charge'] = new AppError(402, 'PAYMENT_DECLINED', 'declined');
    const result = await run();
    expect(result).toMatchObject({ outcome: 'compensated', failure: { status: 402 } });
    expect(services.calls).toEqual([
      ...forward.slice(0, 4),
      'orders.markCancelled',
      'products.release',
    ]);
    expect(sagas.status).toBe('compensated');
    expect(sagas.answer).toMatchObject({
      status: 402,
      body: { error: { code: 'PAYMENT_DECLINED' } },
    });
    expect((await metrics.paymentDeclines.get()).values[0]!.value).toBe(1);
  });

  it('when the charge fails transiently it also undoes the charge, which may have happened', async () => {
    const { services, sagas, run } = setUp();
    services.fail['payments.charge'] = new AppError(503, 'UNAVAILABLE', 'down');
    services.payment = {
      id: 'pay1',
      orderId: 'o1',
      status: 'succeeded',
      amountCents: 4500,
      last4: '4242',
    };
    const result = await run();
    expect(result.outcome).toBe('compensated');
    expect(services.calls.slice(4)).toEqual([
      'payments.byOrder',
      'payments.refund',
      'orders.markCancelled',
      'products.release',
    ]);
    expect(sagas.answer).toBeNull(); // not the buyer's fault: the key is forgotten, a retry starts afresh
  });

  it('on insufficient stock undoes nothing the product service refused', async () => {
    const { services, metrics, run } = setUp();
    services.fail['products.reserve'] = new AppError(409, 'INSUFFICIENT_STOCK', 'no stock');
    const result = await run();
    expect(result).toMatchObject({
      outcome: 'compensated',
      failure: { code: 'INSUFFICIENT_STOCK' },
    });
    expect(services.calls).toEqual(['carts.lines', 'products.reserve']);
    expect((await metrics.reservationConflicts.get()).values[0]!.value).toBe(1);
  });

  it('refuses an empty cart without acting', async () => {
    const { services, sagas, metrics, run } = setUp();
    services.fail['carts.lines'] = new AppError(400, 'VALIDATION_FAILED', 'The cart is empty');
    expect(await run()).toMatchObject({ outcome: 'refused', failure: { status: 400 } });
    expect(sagas.status).toBe('failed');
    expect(sagas.answer?.status).toBe(400);
    expect(await counted(metrics, 'failed')).toBe(1);
  });

  it('after the charge a transient failure leaves the saga to recovery instead of undoing it', async () => {
    const { services, sagas, run } = setUp();
    services.fail['orders.markPaid'] = new AppError(503, 'UNAVAILABLE', 'down');
    expect((await run()).outcome).toBe('unfinished');
    expect(services.calls).toEqual(forward.slice(0, 5));
    expect(sagas.status).toBe('running');
  });

  it('after the charge a refusal still rolls everything back, refund included', async () => {
    const { services, run } = setUp();
    services.fail['orders.markPaid'] = new AppError(409, 'CONFLICT', 'order cancelled meanwhile');
    expect((await run()).outcome).toBe('compensated');
    expect(services.calls.slice(5)).toEqual([
      'payments.refund',
      'orders.markCancelled',
      'products.release',
    ]);
  });

  it('completes even when emptying the cart fails', async () => {
    const { services, run } = setUp();
    services.fail['carts.clear'] = new AppError(503, 'UNAVAILABLE', 'down');
    expect((await run()).outcome).toBe('completed');
  });

  it('resumes from a recorded step without repeating earlier ones', async () => {
    const { services, run } = setUp();
    const start = stepIndex('mark-order-paid');
    const data = baseData({
      payment: { id: 'pay1', orderId: 'o1', status: 'succeeded', amountCents: 4500, last4: '4242' },
    });
    expect((await run(start, data)).outcome).toBe('completed');
    expect(services.calls).toEqual(forward.slice(start));
  });

  it('reports a compensation that could not finish as unfinished', async () => {
    const { services, sagas, run } = setUp();
    services.fail['payments.charge'] = new AppError(402, 'PAYMENT_DECLINED', 'declined');
    services.fail['orders.markCancelled'] = new AppError(503, 'UNAVAILABLE', 'down');
    expect((await run()).outcome).toBe('unfinished');
    expect(sagas.status).toBe('compensating');
  });

  it('stops when another process took the saga over', async () => {
    const { sagas, run } = setUp();
    sagas.stolen = true;
    await expect(run()).rejects.toBeInstanceOf(LostOwnershipError);
  });
});
