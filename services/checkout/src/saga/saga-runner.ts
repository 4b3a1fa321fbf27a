import type { SagaFailure } from '@gomall/contracts';
import { type AppError, toAppError, unavailable, type Logger } from '@gomall/kit';
import { completedAnswer, failureAnswer, type StoredAnswer } from '../domain/answers';
import type { Card } from '../domain/checkout-request';
import type { SagaStarter } from '../domain/ports';
import type { SagaData } from '../domain/saga-data';
import {
  LostOwnershipError,
  type RunResult,
  type SagaLease,
  type SagaRun,
} from '../domain/saga-run';
import type { FaultSwitch } from '../fault';
import type { CheckoutMetrics } from '../metrics';
import { cancelOrder, isFinalPaid } from './compensation';
import { stepKey, type SagaStep, type StepServices } from './step';
import { findPayment } from './steps/charge-payment';

/**
 * What the runner needs of the saga store (data/saga-repository.ts): every write conditional on
 * the run's lease, so a run that lost its saga can never overwrite its successor.
 */
export interface SagaStore {
  /** Records a finished step (and the data it produced) and renews the lease. */
  recordStep(lease: SagaLease, stepIndex: number, data: SagaData): Promise<void>;
  /** Pushes the lease out again while a step runs; false once another run holds the saga. */
  renew(lease: SagaLease): Promise<boolean>;
  markCompensating(
    lease: SagaLease,
    fromStep: number,
    data: SagaData,
    failure: SagaFailure,
  ): Promise<void>;
  /** Back to running from `stepIndex` (a compensation that met a paid order finishes forward). */
  resume(lease: SagaLease, stepIndex: number, data: SagaData): Promise<void>;
  /** Ends the saga and settles its Idempotency-Key (the answer stored, or the key forgotten). */
  finish(
    lease: SagaLease,
    status: 'completed' | 'compensated' | 'failed',
    data: SagaData,
    answer: StoredAnswer | undefined,
  ): Promise<void>;
}

export interface SagaRunnerOptions {
  /** How often the lease is renewed while a step (or the compensation) runs. */
  renewEveryMs: number;
}

/** Anything that is not a callee's answer (a bug, the database) counts as a transient failure. */
const asAppError = (error: unknown): AppError => {
  const known = toAppError(error);
  return known ?? unavailable('Checkout could not complete right now');
};

const isTransient = (error: AppError) => error.status >= 500;

/** The buyer's own problems: answered as they are, counted as refusals, never paged. */
const BUYER_REFUSALS = new Set(['VALIDATION_FAILED', 'INSUFFICIENT_STOCK', 'PAYMENT_DECLINED']);
const isRefusal = (error: AppError): boolean => BUYER_REFUSALS.has(error.code);

export const toFailure = (failure: AppError): SagaFailure => ({
  status: failure.status,
  code: failure.code,
  message: failure.message,
  ...(failure.details === undefined ? {} : { details: failure.details }),
});

/**
 * Drives a checkout saga: each step's result is stored before the next step runs, so a crash at
 * any point leaves a record recovery can finish (after the charge) or compensate (before it).
 * While a step runs the lease is renewed, so recovery never takes over a run that is alive.
 */
export class SagaRunner implements SagaStarter {
  constructor(
    private readonly steps: readonly SagaStep[],
    private readonly sagas: SagaStore,
    private readonly services: StepServices,
    private readonly metrics: CheckoutMetrics,
    private readonly fault: FaultSwitch,
    private readonly logger: Logger,
    private readonly options: SagaRunnerOptions,
  ) {}

  /** Runs the steps from `run.stepIndex` on. Throws LostOwnershipError if another run took over. */
  async forward(run: SagaRun, card?: Card): Promise<RunResult> {
    let data = run.data;
    for (let index = run.stepIndex; index < this.steps.length; index++) {
      const step = this.steps[index]!;
      let patch: Partial<SagaData>;
      try {
        patch = await this.holding(run, () =>
          step.invoke({ data, services: this.services, card, key: stepKey(run.id, step.id) }),
        );
      } catch (error) {
        if (error instanceof LostOwnershipError) throw error;
        const failure = asAppError(error);
        if (step.kind === 'best-effort') {
          this.logger.warn(
            { err: error, step: step.id, sagaId: run.id },
            'best-effort step failed',
          );
          continue;
        }
        if (failure.code === 'INSUFFICIENT_STOCK') this.metrics.reservationConflicts.inc();
        if (failure.code === 'PAYMENT_DECLINED') this.metrics.paymentDeclines.inc();
        if (step.kind === 'read-only') {
          // Nothing acted yet: the buyer's problem (an empty cart) is a refusal; a service that
          // failed is not, and leaves nothing to undo.
          if (!isTransient(failure)) return this.refuse({ ...run, data }, failure);
          return this.compensate({ ...run, data, stepIndex: 0 }, failure);
        }
        if (step.kind === 'retriable' && isTransient(failure)) {
          // Paid already: recovery goes on forward once this run's lease ends.
          this.logger.warn(
            { err: error, step: step.id, sagaId: run.id },
            'step failed after charge',
          );
          return { outcome: 'unfinished', failure };
        }
        // A refusal means the callee did nothing; a transient failure may have half-acted.
        const mayHaveActed = isTransient(failure) ? index : index - 1;
        return this.compensate({ ...run, data, stepIndex: mayHaveActed }, failure);
      }
      data = { ...data, ...patch };
      await this.sagas.recordStep(run, index + 1, data);
      this.fault.afterStep(step.id, data.userId);
    }
    const answer = completedAnswer(data);
    await this.sagas.finish(run, 'completed', data, answer);
    this.metrics.outcome('completed', run.startedAt);
    return { outcome: 'completed', data, answer };
  }

  /**
   * Rolls the saga back with its one compensation: the order service cancels the order (product and
   * payment undo their part on `order.cancelled`). Nothing acted yet (stepIndex 0) → nothing to ask.
   * An order that is final already counts as done: cancelled or refunded, the rollback happened; paid
   * (a mark-paid whose answer was lost), the saga is finished forward instead.
   */
  async compensate(run: SagaRun, failure: AppError): Promise<RunResult> {
    await this.sagas.markCompensating(run, run.stepIndex, run.data, toFailure(failure));
    if (run.stepIndex > 0) {
      let status: string;
      try {
        status = (
          await this.holding(run, () =>
            cancelOrder(this.services, run.data, `checkout did not complete: ${failure.code}`),
          )
        ).status;
      } catch (error) {
        if (error instanceof LostOwnershipError) throw error;
        this.logger.error({ err: error, sagaId: run.id }, 'compensation failed; recovery retries');
        return { outcome: 'unfinished', failure };
      }
      if (isFinalPaid(status)) return this.finishPaid(run);
    }
    const answer = failureAnswer(failure);
    await this.sagas.finish(run, 'compensated', run.data, answer);
    const outcome = isRefusal(failure) ? 'refused' : 'compensated';
    this.metrics.outcome(outcome, run.startedAt);
    return { outcome, failure, answer };
  }

  /** The order turned out paid: the charge went through, so the saga completes forward. */
  private async finishPaid(run: SagaRun): Promise<RunResult> {
    const payment = await this.holding(run, () =>
      findPayment(this.services.payments, run.data.orderId),
    );
    if (payment?.status !== 'succeeded') {
      // A paid order always has its succeeded payment; anything else needs a human.
      throw new Error(`order ${run.id} is paid but its payment is ${payment?.status ?? 'missing'}`);
    }
    const data = { ...run.data, payment };
    const next = this.steps.findIndex((step) => step.id === 'mark-order-paid');
    await this.sagas.resume(run, next, data);
    this.logger.warn({ sagaId: run.id }, 'compensation met a paid order: finishing it instead');
    return this.forward({ ...run, data, stepIndex: next });
  }

  /** Refused before anything acted (an empty cart): the answer is final, nothing to undo. */
  private async refuse(run: SagaRun, failure: AppError): Promise<RunResult> {
    const answer = failureAnswer(failure);
    await this.sagas.markCompensating(run, 0, run.data, toFailure(failure));
    await this.sagas.finish(run, 'failed', run.data, answer);
    this.metrics.outcome('refused', run.startedAt);
    return { outcome: 'refused', failure, answer };
  }

  /**
   * Runs `work` while keeping the lease: renewed every `renewEveryMs` in the database's clock, so
   * a slow step (retries, a slow callee) never lets recovery take a live run over.
   */
  private async holding<T>(run: SagaLease, work: () => Promise<T>): Promise<T> {
    const timer = setInterval(() => {
      this.sagas.renew(run).then(
        (held) => {
          if (!held) this.logger.warn({ sagaId: run.id }, 'lease lost while a step ran');
        },
        (error: unknown) =>
          this.logger.warn({ err: error, sagaId: run.id }, 'lease renewal failed'),
      );
    }, this.options.renewEveryMs);
    timer.unref();
    try {
      return await work();
    } finally {
      clearInterval(timer);
    }
  }
}
