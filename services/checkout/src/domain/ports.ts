import type { StoredAnswer } from './answers';
import type { Card } from './checkout-request';
import type { SagaData } from './saga-data';
import type { RunResult, SagaRun } from './saga-run';

/**
 * What the checkout flow needs of the rest of the service, declared here and wired in app.ts: the
 * flow never sees a repository or the saga runner itself.
 */

/** An Idempotency-Key as stored: the body's fingerprint and, once there is one, the answer. */
export interface IdempotencyRecord {
  requestHash: string;
  sagaId: string;
  answer: StoredAnswer | undefined;
}

/** A checkout to record with its key before anything acts. */
export interface NewCheckout {
  userId: string;
  idempotencyKey: string;
  requestHash: string;
  saga: SagaData;
  /** The token of the run that starts the saga. */
  token: string;
  /** The lease's end as SQL in the database's clock (RunLeases.leaseSql). */
  leaseSql: string;
}

/** The Idempotency-Keys of checkouts (data/idempotency-repository.ts). */
export interface CheckoutKeys {
  /** Records the key and the saga together; false when another request holds the key already. */
  claim(checkout: NewCheckout): Promise<boolean>;
  find(userId: string, idempotencyKey: string): Promise<IdempotencyRecord | undefined>;
}

/** What the flow needs of the saga store: a token per run and the lease's end in database time. */
export interface RunLeases {
  newToken(): string;
  leaseSql(): string;
}

/** Runs a saga's steps from `run.stepIndex` on (saga/saga-runner.ts). */
export interface SagaStarter {
  /** Throws LostOwnershipError if another run took the saga over. */
  forward(run: SagaRun, card?: Card): Promise<RunResult>;
}
