import { type AppError, toAppError, unavailable, type Logger } from '@gomall/kit';
import type { SagaData } from '../domain/saga-data';
import { LostOwnershipError, type SagaRepository } from '../data/saga-repository';
import type { FaultSwitch } from '../fault';
import type { CheckoutMetrics } from '../metrics';
import type { SagaStep, StepServices } from './step';
import { completedAnswer, failureAnswer, type StoredAnswer } from '../domain/answers';
import type { Card } from '../domain/checkout-request';

export type RunResult =
  /** Every step done: the order is paid. */
  | { outcome: 'completed'; data: SagaData; answer: StoredAnswer }
  /** Refused before anything acted (an empty cart). */
  | { outcome: 'refused'; failure: AppError; answer: StoredAnswer | undefined }
  /** Rolled back: every step that acted was undone. */
  | { outcome: 'compensated'; failure: AppError; answer: StoredAnswer | undefined }
  /** Could not finish (a service is down); the saga stays unfinished and recovery takes it on. */
  | { outcome: 'unfinished'; failure: AppError };

export interface SagaRun {
  id: string;
  data: SagaData;
  /** The next step to invoke (forward) or the highest step to undo (compensation). */
  stepIndex: number;
  startedAt: number;
}

/** Anything that is not a callee's answer (a bug, the database) counts as a transient failure. */
const asAppError = (error: unknown): AppError => {
  const known = toAppError(error);
  return known ?? unavailable('Checkout could not complete right now');
};

const isTransient = (error: AppError) => error.status >= 500;

/**
 * Drives a checkout saga: each step's result is stored before the next step runs, so a crash at
 * any point leaves a record recovery can finish (after the charge) or compensate (before it).
 */
export class SagaRunner {
  constructor(
    private readonly steps: readonly SagaStep[],
    private readonly sagas: SagaRepository,
    private readonly services: StepServices,
    private readonly metrics: CheckoutMetrics,
    private readonly fault: FaultSwitch,
    private readonly logger: Logger,
  ) {}

  /** Runs the steps from `run.stepIndex` on. Throws LostOwnershipError if another process took over. */
  async forward(run: SagaRun, card?: Card): Promise<RunResult> {
    let data = run.data;
    for (let index = run.stepIndex; index < this.steps.length; index++) {
      const step = this.steps[index]!;
      let patch: Partial<SagaData>;
      try {
        patch = await step.invoke({ data, services: this.services, card });
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
        if (index === 0) return this.refuse(run, failure);
        if (step.kind === 'retriable' && isTransient(failure)) {
          // Paid already: leave the saga to recovery, which goes on forward once its lease ends.
          this.logger.warn(
            { err: error, step: step.id, sagaId: run.id },
            'step failed after charge',
          );
          this.metrics.outcome('failed', run.startedAt);
          return { outcome: 'unfinished', failure };
        }
        // A refusal means the callee did nothing; a transient failure may have half-acted.
        const undoFrom = isTransient(failure) ? index : index - 1;
        return this.compensate({ ...run, data, stepIndex: undoFrom }, failure);
      }
      data = { ...data, ...patch };
      await this.sagas.recordStep(run.id, index + 1, data);
      this.fault.afterStep(step.id, data.userId);
    }
    const answer = completedAnswer(data);
    await this.sagas.finish(run.id, 'completed', data, answer);
    this.metrics.outcome('completed', run.startedAt);
    return { outcome: 'completed', data, answer };
  }

  /** Undoes steps `run.stepIndex` down to the first, in reverse order. */
  async compensate(run: SagaRun, failure: AppError): Promise<RunResult> {
    await this.sagas.markCompensating(run.id, run.stepIndex, run.data, {
      status: failure.status,
      code: failure.code,
      message: failure.message,
      details: failure.details,
    });
    try {
      for (let index = Math.min(run.stepIndex, this.steps.length - 1); index >= 0; index--) {
        await this.steps[index]!.compensate({ data: run.data, services: this.services });
      }
    } catch (error) {
      this.logger.error({ err: error, sagaId: run.id }, 'compensation failed; recovery will retry');
      this.metrics.outcome('failed', run.startedAt);
      return { outcome: 'unfinished', failure };
    }
    const answer = failureAnswer(failure);
    await this.sagas.finish(run.id, 'compensated', run.data, answer);
    this.metrics.outcome('compensated', run.startedAt);
    return { outcome: 'compensated', failure, answer };
  }

  private async refuse(run: SagaRun, failure: AppError): Promise<RunResult> {
    await this.sagas.markCompensating(run.id, 0, run.data, {
      status: failure.status,
      code: failure.code,
      message: failure.message,
    });
    const answer = failureAnswer(failure);
    await this.sagas.finish(run.id, 'failed', run.data, answer);
    this.metrics.outcome('failed', run.startedAt);
    return { outcome: 'refused', failure, answer };
  }
}
