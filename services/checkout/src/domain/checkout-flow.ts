import { randomUUID } from 'node:crypto';
import { AppError, conflict, unavailable, type Logger } from '@gomall/kit';
import type { StoredAnswer } from './answers';
import { bodyFingerprint, type CheckoutBody } from './checkout-request';
import type { CheckoutKeys, RunLeases, SagaStarter } from './ports';
import type { SagaData } from './saga-data';
import { LostOwnershipError, type RunResult } from './saga-run';

export interface CheckoutFlowOptions {
  /** How long a duplicate waits for the first request's answer. */
  waitMs: number;
  pollMs?: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * POST /checkout with an Idempotency-Key: the first request for a user + key runs the saga and
 * stores its answer; every other request with that key replays it (waiting for it while it is
 * being made); another body with the same key is 422 IDEMPOTENCY_KEY_REUSED.
 */
export class CheckoutFlow {
  constructor(
    private readonly keys: CheckoutKeys,
    private readonly runner: SagaStarter,
    private readonly leases: RunLeases,
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
      // A token of this run alone: a second run in this process never passes for this one.
      const token = this.leases.newToken();
      const claimed = await this.keys.claim({
        userId,
        idempotencyKey: key,
        requestHash,
        saga,
        token,
        leaseSql: this.leases.leaseSql(),
      });
      if (claimed) return this.run(saga, token, body);
      const answer = await this.awaitAnswer(userId, key, requestHash, deadline);
      if (answer) return answer;
      // The key was forgotten meanwhile (that checkout was rolled back): claim it afresh.
    }
  }

  /** The first request's answer for this key, once there is one; undefined if the key is gone. */
  private async awaitAnswer(
    userId: string,
    key: string,
    requestHash: string,
    deadline: number,
  ): Promise<StoredAnswer | undefined> {
    for (;;) {
      const record = await this.keys.find(userId, key);
      if (!record) return undefined;
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

  private async run(saga: SagaData, token: string, body: CheckoutBody): Promise<StoredAnswer> {
    let result: RunResult;
    try {
      result = await this.runner.forward(
        { id: saga.orderId, token, data: saga, stepIndex: 0, startedAt: Date.now() },
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
    if (result.outcome === 'unfinished') {
      throw unavailable('Checkout is being completed; retry with the same Idempotency-Key');
    }
    if (result.answer) return result.answer;
    // Rolled back for a reason that is not the buyer's: no stored answer, the key was forgotten.
    if (result.outcome === 'completed') throw new Error('a completed saga always has an answer');
    throw result.failure;
  }
}
