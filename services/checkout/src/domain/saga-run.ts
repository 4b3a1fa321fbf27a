import type { AppError } from '@gomall/kit';
import type { StoredAnswer } from './answers';
import type { SagaData } from './saga-data';

/** One run's hold on a saga: every write is conditional on this token still being the owner. */
export interface SagaLease {
  id: string;
  token: string;
}

/** One run of a saga: the lease it holds and where it stands. */
export interface SagaRun extends SagaLease {
  data: SagaData;
  /** Forward: the next step to invoke. Compensation: the highest step that may have acted. */
  stepIndex: number;
  startedAt: number;
}

export type RunResult =
  /** Every step done: the order is paid. */
  | { outcome: 'completed'; data: SagaData; answer: StoredAnswer }
  /** The buyer's own problem (empty cart, no stock, declined, invalid card); anything done undone. */
  | { outcome: 'refused'; failure: AppError; answer: StoredAnswer | undefined }
  /** Rolled back for any other reason: the order is cancelled (or was never made). */
  | { outcome: 'compensated'; failure: AppError; answer: StoredAnswer | undefined }
  /** Could not finish (a service is down); the saga stays unfinished and recovery takes it on. */
  | { outcome: 'unfinished'; failure: AppError };

/** Another run took the saga over (its lease had run out); this one must stop touching it. */
export class LostOwnershipError extends Error {
  constructor(sagaId: string) {
    super(`saga ${sagaId} is owned by another run now`);
    this.name = 'LostOwnershipError';
  }
}
