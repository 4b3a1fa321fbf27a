import { AppError, runWithContext, unavailable, type ErrorCode, type Logger } from '@gomall/kit';
import type { PaymentClient } from '../clients/payment-client';
import type { SagaRepository, StoredSaga } from '../data/saga-repository';
import type { CheckoutMetrics } from '../metrics';
import { PIVOT_INDEX } from './checkout-steps';
import type { RunResult, SagaRunner } from './saga-runner';
import { findPayment } from './steps/charge-payment';

/**
 * Finishes or compensates sagas whose process stopped mid-way (a crash, a kill, a lost lease):
 * at start-up and then every `intervalMs`. A saga the buyer has paid for is driven forward; one
 * that never got paid is compensated (the card is never stored, so it cannot be charged later).
 */
export class SagaRecovery {
  private timer: NodeJS.Timeout | undefined;
  private sweeping: Promise<void> | undefined;
  private stopped = false;

  constructor(
    private readonly sagas: SagaRepository,
    private readonly runner: SagaRunner,
    private readonly payments: PaymentClient,
    private readonly metrics: CheckoutMetrics,
    private readonly logger: Logger,
    private readonly intervalMs: number,
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
          if (!this.stopped) this.timer = setTimeout(tick, this.intervalMs);
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
      const saga = await this.sagas.claim(id);
      if (!saga) continue; // another process took it, or its owner renewed the lease
      recovered++;
      try {
        await this.recover(saga);
      } catch (error) {
        // Left unfinished: the lease runs out again and a later sweep retries.
        this.logger.error({ err: error, sagaId: id }, 'recovering a saga failed');
      }
    }
    return recovered;
  }

  private async recover(saga: StoredSaga): Promise<void> {
    this.logger.info(
      { sagaId: saga.id, status: saga.status, stepIndex: saga.stepIndex },
      'recovering saga',
    );
    // Onward calls act as the buyer, as the original request did.
    const result = await runWithContext(
      { requestId: `recovery-${saga.id}`, userId: saga.userId },
      () => this.drive(saga),
    );
    this.metrics.recoveredSagas.inc({
      outcome:
        result.outcome === 'unfinished'
          ? 'failed'
          : result.outcome === 'completed'
            ? 'completed'
            : 'compensated',
    });
    this.logger.info({ sagaId: saga.id, outcome: result.outcome }, 'saga recovered');
  }

  private async drive(saga: StoredSaga): Promise<RunResult> {
    const run = {
      id: saga.id,
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
