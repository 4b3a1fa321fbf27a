import { randomUUID } from 'node:crypto';
import { AppError, conflict, unavailable, type Logger } from '@gomall/kit';
import type { IdempotencyRepository, StoredAnswer } from '../data/idempotency-repository';
import { LostOwnershipError } from '../data/saga-repository';
import type { RunResult, SagaRunner } from '../saga/saga-runner';
import { bodyFingerprint, type CheckoutBody } from './checkout-request';
import { checkoutAnswer, type SagaData } from './saga-data';

export interface CheckoutFlowOptions {
  /** How long a duplicate waits for the first request's answer. */
  waitMs: number;
  /** The lease a new saga starts with. */
  leaseMs: number;
  /** This process instance (owner of the sagas it starts). */
  owner: string;
  pollMs?: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The stored answer for a finished run, or undefined when the result must not be replayed. */
export function answerOf(result: RunResult): StoredAnswer | undefined {
  if (result.outcome === 'completed') return { status: 201, body: checkoutAnswer(result.data) };
  // The buyer's own problem (empty cart, no stock, declined, bad card) is final: replay it.
  // A service failure is not: the key is forgotten once rolled back, so a retry starts afresh.
  if (result.failure.status < 500) {
    return { status: result.failure.status, body: result.failure.toBody() };
  }
  return undefined;
}

/**
 * Records how a run ended for its Idempotency-Key: the answer to replay, or (rolled back for a
 * reason that is not the buyer's) no record at all. An unfinished saga keeps its key waiting.
 */
export async function settleAnswer(
  keys: IdempotencyRepository,
  sagaId: string,
  result: RunResult,
): Promise<StoredAnswer | undefined> {
  const answer = answerOf(result);
  if (answer) await keys.storeAnswer(sagaId, answer);
  else if (result.outcome !== 'unfinished') await keys.forget(sagaId);
  return answer;
}

/**
 * POST /checkout with an Idempotency-Key: the first request for a user + key runs the saga and
 * stores its answer; every other request with that key replays it (waiting for it while it is
 * being made); another body with the same key is 422 IDEMPOTENCY_KEY_REUSED.
 */
export class CheckoutFlow {
  constructor(
    private readonly keys: IdempotencyRepository,
    private readonly runner: SagaRunner,
    private readonly options: CheckoutFlowOptions,
    private readonly logger: Logger,
  ) {}

  async checkout(userId: string, key: string, body: CheckoutBody): Promise<StoredAnswer> {
    const requestHash = bodyFingerprint(body);
    const deadline = Date.now() + this.options.waitMs;
    for (;;) {
      const saga: SagaData = {
        orderId: randomUUID(),
        userId,
        address: body.address,
        ...(body.email ? { email: body.email } : {}),
      };
      const claimed = await this.keys.claim({
        userId,
        idempotencyKey: key,
        requestHash,
        saga,
        owner: this.options.owner,
        leaseMs: this.options.leaseMs,
      });
      if (claimed) return this.run(saga, body);

      const record = await this.keys.find(userId, key);
      if (!record) continue; // forgotten in between (rolled back): claim it afresh
      if (record.requestHash !== requestHash) {
        throw new AppError(
          422,
          'IDEMPOTENCY_KEY_REUSED',
          'This Idempotency-Key was used with another request body',
        );
      }
      if (record.answer) return record.answer;
      if (Date.now() >= deadline) {
        throw conflict(
          'A checkout with this Idempotency-Key is still in progress; retry with the same key',
        );
      }
      await sleep(this.options.pollMs ?? 50);
    }
  }

  private async run(saga: SagaData, body: CheckoutBody): Promise<StoredAnswer> {
    let result: RunResult;
    try {
      result = await this.runner.forward(
        { id: saga.orderId, data: saga, stepIndex: 0, startedAt: Date.now() },
        body.card,
      );
    } catch (error) {
      if (error instanceof LostOwnershipError) {
        this.logger.warn({ sagaId: saga.orderId }, 'saga taken over by recovery');
      } else {
        this.logger.error(
          { err: error, sagaId: saga.orderId },
          'saga stopped; recovery will finish it',
        );
      }
      throw unavailable('Checkout is being completed; retry with the same Idempotency-Key');
    }
    const answer = await settleAnswer(this.keys, saga.orderId, result);
    if (answer) return answer;
    throw result.outcome === 'unfinished'
      ? unavailable('Checkout is being completed; retry with the same Idempotency-Key')
      : (result as { failure: AppError }).failure;
  }
}
