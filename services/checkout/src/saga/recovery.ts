import { AppError, runWithContext, unavailable, type ErrorCode, type Logger } from '@gomall/kit';
import type { SagaRepository, StoredSaga } from '../data/saga-repository';
import type { RunResult, SagaLease } from '../domain/saga-run';
import type { CheckoutMetrics } from '../metrics';
import { PIVOT_INDEX } from './checkout-steps';
import { toFailure, type SagaRunner } from './saga-runner';
import type { StepServices } from './step';
import { findPayment } from './steps/charge-payment';

export interface RecoveryOptions {
  intervalMs: number;
  /** Runs a saga gets (the first included) before it parks as `stuck`. */
  maxAttempts: number;
}

/**
 * Finishes or compensates sagas whose run stopped mid-way (a crash, a kill, a frozen process whose
 * lease ran out): at start-up and then every `intervalMs`. A saga the buyer has paid for is driven
 * forward; one that never got paid is compensated (the card is never stored, so it cannot be
 * charged later). A saga that has used up its attempts parks as `stuck` instead of retrying for
 * ever: counted, alerted on, and retried by an admin (POST /admin/sagas/:id/retry).
 */
export class SagaRecovery {
  private timer: NodeJS.Timeout | undefined;
  private sweeping: Promise<void> | undefined;
  private stopped = false;

  constructor(
    private readonly sagas: Pick<SagaRepository, 'findStale' | 'claim' | 'park'>,
    private readonly runner: Pick<SagaRunner, 'forward' | 'compensate'>,
    private readonly payments: StepServices['payments'],
    private readonly metrics: CheckoutMetrics,
    private readonly logger: Logger,
    private readonly options: RecoveryOptions,
  ) {}

  start(): void {
    const tick = () => {
      if (this.stopped) return;
      this.sweeping = this.sweep()
        .then(
          () => undefined,
          (error: unknown) => this.logger.error({ err: error }, 'recovery sweep failed'),
        )
        .finally(() => {
          if (!this.stopped) this.timer = setTimeout(tick, this.options.intervalMs);
        });
    };
    tick();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.sweeping;
  }

  /** One pass over the stale sagas; returns how many this process took over. */
  async sweep(): Promise<number> {
    let recovered = 0;
    for (const id of await this.sagas.findStale(50)) {
      if (this.stopped) break;
      const claimed = await this.sagas.claim(id);
      if (!claimed) continue; // another run took it, or its owner renewed the lease
      recovered++;
      const { saga, lease } = claimed;
      try {
        if (saga.attempts > this.options.maxAttempts) await this.park(saga, lease);
        else await this.recover(saga, lease);
      } catch (error) {
        // Left unfinished: the lease runs out again and a later sweep retries (or parks it).
        this.logger.error({ err: error, sagaId: id }, 'recovering a saga failed');
      }
    }
    return recovered;
  }

  private async park(saga: StoredSaga, lease: SagaLease): Promise<void> {
    const failure =
      saga.failure ?? toFailure(unavailable('The saga ran out of attempts while running'));
    await this.sagas.park(lease, failure);
    this.metrics.outcome('stuck', saga.createdAt.getTime());
    this.logger.error(
      { sagaId: saga.id, attempts: saga.attempts - 1, status: saga.status, failure },
      'saga parked as stuck: an admin must retry it',
    );
  }

  private async recover(saga: StoredSaga, lease: SagaLease): Promise<void> {
    this.logger.info(
      { sagaId: saga.id, status: saga.status, stepIndex: saga.stepIndex, attempt: saga.attempts },
      'recovering saga',
    );
    // Onward calls act as the buyer, as the original request did.
    const result = await runWithContext(
      { requestId: `recovery-${saga.id}`, userId: saga.userId },
      () => this.drive(saga, lease),
    );
    this.metrics.recoveredSagas.inc({
      outcome: result.outcome === 'unfinished' ? 'unfinished' : result.outcome,
    });
    this.logger.info({ sagaId: saga.id, outcome: result.outcome }, 'saga recovered');
  }

  private async drive(saga: StoredSaga, lease: SagaLease): Promise<RunResult> {
    const run = {
      ...lease,
      data: saga.data,
      stepIndex: saga.stepIndex,
      startedAt: saga.createdAt.getTime(),
    };
    if (saga.status === 'compensating') {
      const failure = saga.failure
        ? new AppError(
            saga.failure.status,
            saga.failure.code as ErrorCode,
            saga.failure.message,
            saga.failure.details,
          )
        : interrupted();
      return this.runner.compensate(run, failure);
    }
    if (saga.stepIndex > PIVOT_INDEX) return this.runner.forward(run);
    // The charge may have gone through without its result being recorded: ask the payment service.
    // If it has not, the compensation voids the order's payment, so a charge still in flight from
    // the stopped run is refused when it lands (or refunded if it landed first).
    if (saga.stepIndex === PIVOT_INDEX) {
      const payment = await findPayment(this.payments, saga.id);
      if (payment?.status === 'succeeded') {
        return this.runner.forward({
          ...run,
          data: { ...saga.data, payment },
          stepIndex: PIVOT_INDEX + 1,
        });
      }
    }
    return this.runner.compensate(run, interrupted());
  }
}

const interrupted = () => unavailable('The checkout was interrupted and rolled back; try again');
