import { type AppError, createLogger, currentContext, ServiceMetrics } from '@gomall/kit';
import type { StoredSaga } from '../src/data/saga-repository';
import type { RunResult, SagaRun } from '../src/domain/saga-run';
import { CheckoutMetrics } from '../src/metrics';
import { PIVOT_INDEX } from '../src/saga/checkout-steps';
import { SagaRecovery } from '../src/saga/recovery';
import { baseData, fakeServices, succeededPayment } from './fakes';

const logger = createLogger('checkout-test', 'silent');
const ANSWER = { status: 201, body: {} };

function setUp(saga: Partial<StoredSaga>) {
  const stored: StoredSaga = {
    id: 'o1',
    userId: 'u1',
    status: 'running',
    stepIndex: 0,
    data: baseData(),
    failure: null,
    attempts: 2,
    createdAt: new Date(),
    ...saga,
  };
  const parked: unknown[] = [];
  const calls: Array<{ kind: string; run: SagaRun; failure?: AppError; userId?: string }> = [];
  const runner = {
    forward: (run: SagaRun): Promise<RunResult> => {
      calls.push({ kind: 'forward', run, userId: currentContext()?.userId });
      return Promise.resolve({ outcome: 'completed', data: run.data, answer: ANSWER });
    },
    compensate: (run: SagaRun, failure: AppError): Promise<RunResult> => {
      calls.push({ kind: 'compensate', run, failure });
      return Promise.resolve({ outcome: 'compensated', failure, answer: undefined });
    },
  };
  const sagas = {
    findStale: () => Promise.resolve(['o1']),
    claim: () => Promise.resolve({ saga: stored, lease: { id: 'o1', token: 'recovery-run' } }),
    park: (lease: unknown, failure: unknown) => {
      parked.push({ lease, failure });
      return Promise.resolve();
    },
  };
  const metrics = new CheckoutMetrics(new ServiceMetrics('checkout-test'));
  const services = fakeServices();
  const recovery = new SagaRecovery(sagas, runner, services.payments, metrics, logger, {
    intervalMs: 60_000,
    maxAttempts: 3,
  });
  return { recovery, calls, services, parked, metrics };
}

describe('SagaRecovery', () => {
  it('drives a saga that was past the charge forward, acting as its buyer', async () => {
    const { recovery, calls } = setUp({ stepIndex: PIVOT_INDEX + 1 });
    expect(await recovery.sweep()).toBe(1);
    expect(calls).toEqual([
      expect.objectContaining({
        kind: 'forward',
        userId: 'u1',
        run: expect.objectContaining({ stepIndex: PIVOT_INDEX + 1 }),
      }),
    ]);
  });

  it('finishes a saga whose charge went through unrecorded', async () => {
    const { recovery, calls, services } = setUp({ stepIndex: PIVOT_INDEX });
    services.payment = succeededPayment;
    await recovery.sweep();
    expect(calls[0]!.kind).toBe('forward');
    expect(calls[0]!.run.stepIndex).toBe(PIVOT_INDEX + 1);
    expect(calls[0]!.run.data.payment).toEqual(succeededPayment);
  });

  it('compensates a saga that was never charged', async () => {
    const { recovery, calls, services } = setUp({ stepIndex: PIVOT_INDEX });
    services.payment = { ...succeededPayment, status: 'failed' };
    await recovery.sweep();
    expect(calls[0]).toMatchObject({ kind: 'compensate', run: { stepIndex: PIVOT_INDEX } });
    expect(calls[0]!.failure!.status).toBe(503);

    const early = setUp({ stepIndex: 2 });
    await early.recovery.sweep();
    expect(early.calls[0]).toMatchObject({ kind: 'compensate', run: { stepIndex: 2 } });
    expect(early.services.calls).toEqual([]); // no payment lookup before the charge step
  });

  it('finishes an interrupted compensation with its original failure', async () => {
    const { recovery, calls } = setUp({
      status: 'compensating',
      stepIndex: 3,
      failure: { status: 402, code: 'PAYMENT_DECLINED', message: 'declined' },
    });
    await recovery.sweep();
    expect(calls[0]).toMatchObject({ kind: 'compensate', run: { stepIndex: 3 } });
    expect(calls[0]!.failure).toMatchObject({ status: 402, code: 'PAYMENT_DECLINED' });
  });

  it('takes a saga over with a token of its own run', async () => {
    const { recovery, calls } = setUp({ stepIndex: PIVOT_INDEX + 1 });
    await recovery.sweep();
    expect(calls[0]!.run).toMatchObject({ id: 'o1', token: 'recovery-run' });
  });

  it('parks a saga that ran out of attempts as stuck, counted, instead of retrying for ever', async () => {
    const { recovery, calls, parked, metrics } = setUp({
      status: 'compensating',
      stepIndex: 3,
      attempts: 4,
      failure: { status: 503, code: 'UNAVAILABLE', message: 'order service down' },
    });
    await recovery.sweep();
    expect(calls).toEqual([]);
    expect(parked).toEqual([
      {
        lease: { id: 'o1', token: 'recovery-run' },
        failure: expect.objectContaining({ code: 'UNAVAILABLE' }),
      },
    ]);
    const outcomes = (await metrics.sagaOutcomes.get()).values;
    expect(outcomes).toEqual([expect.objectContaining({ labels: { outcome: 'stuck' }, value: 1 })]);
  });
});
