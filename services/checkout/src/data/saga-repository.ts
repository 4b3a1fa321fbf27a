import { randomUUID } from 'node:crypto';
import { QueryTypes, type Sequelize, type Transaction } from 'sequelize';
import type { SagaFailure, SagaStatus, SagaSummary } from '@gomall/contracts';
import type { StoredAnswer } from '../domain/answers';
import type { RunLeases } from '../domain/ports';
import type { SagaData } from '../domain/saga-data';
import { LostOwnershipError, type SagaLease } from '../domain/saga-run';
import type { CheckoutModels } from './models';

export interface StoredSaga {
  id: string;
  userId: string;
  status: SagaStatus;
  stepIndex: number;
  data: SagaData;
  failure: SagaFailure | null;
  /** Runs that took the saga on so far, this one included. */
  attempts: number;
  createdAt: Date;
}

const UNFINISHED: SagaStatus[] = ['running', 'compensating'];

interface SagaRecord {
  id: string;
  userId: string;
  status: SagaStatus;
  stepIndex: number;
  data: string;
  failure: string | null;
  attempts: number;
  createdAt: Date;
  updatedAt: Date;
  ageSeconds: number | string;
}

const COLUMNS = `id, user_id AS userId, status, step_index AS stepIndex, data, failure, attempts,
  created_at AS createdAt, updated_at AS updatedAt,
  TIMESTAMPDIFF(SECOND, created_at, NOW(3)) AS ageSeconds`;

const parseFailure = (failure: string | null) =>
  failure ? (JSON.parse(failure) as SagaFailure) : null;

function toStored(row: SagaRecord): StoredSaga {
  return {
    id: row.id,
    userId: row.userId,
    status: row.status,
    stepIndex: row.stepIndex,
    data: JSON.parse(row.data) as SagaData,
    failure: parseFailure(row.failure),
    attempts: row.attempts,
    createdAt: new Date(row.createdAt),
  };
}

function toSummary(row: SagaRecord): SagaSummary {
  return {
    id: row.id,
    userId: row.userId,
    status: row.status,
    stepIndex: row.stepIndex,
    attempts: row.attempts,
    failure: parseFailure(row.failure),
    createdAt: new Date(row.createdAt).toISOString(),
    updatedAt: new Date(row.updatedAt).toISOString(),
    ageSeconds: Number(row.ageSeconds),
  };
}

const affected = (metadata: unknown): number =>
  typeof metadata === 'number'
    ? metadata
    : ((metadata as { affectedRows?: number } | undefined)?.affectedRows ?? 0);

/**
 * Checkout sagas in MariaDB. A saga is held by one run at a time through a lease: a random token
 * per run (not per process, so two runs in one process never pass for each other) and an expiry
 * in the database's clock (`NOW(3)`; app clocks never take part in a lease decision). Every write
 * is conditional on the token, so a run whose lease ran out can never overwrite its successor.
 */
export class SagaRepository implements RunLeases {
  constructor(
    private readonly sequelize: Sequelize,
    private readonly models: CheckoutModels,
    private readonly leaseMs: number,
  ) {}

  /** `NOW(3)` plus the lease, as SQL (leaseMs is a validated integer from the configuration). */
  leaseSql(): string {
    return `NOW(3) + INTERVAL ${Math.trunc(this.leaseMs) * 1000} MICROSECOND`;
  }

  newToken(): string {
    return randomUUID();
  }

  async get(id: string): Promise<StoredSaga | undefined> {
    const [row] = await this.select('WHERE id = :id', { id });
    return row ? toStored(row) : undefined;
  }

  /** Records a finished step (and the data it produced) and renews the lease. */
  async recordStep(lease: SagaLease, stepIndex: number, data: SagaData): Promise<void> {
    await this.ownedUpdate(lease, ['running'], 'step_index = :stepIndex, data = :data', {
      stepIndex,
      data: JSON.stringify(data),
    });
  }

  /** Pushes the lease out again while a step runs; false once another run holds the saga. */
  async renew(lease: SagaLease): Promise<boolean> {
    return (await this.update(lease, UNFINISHED, '', {})) === 1;
  }

  async markCompensating(
    lease: SagaLease,
    fromStep: number,
    data: SagaData,
    failure: SagaFailure,
  ): Promise<void> {
    await this.ownedUpdate(
      lease,
      UNFINISHED,
      `status = 'compensating', step_index = :fromStep, data = :data, failure = :failure`,
      { fromStep, data: JSON.stringify(data), failure: JSON.stringify(failure) },
    );
  }

  /** Back to running from `stepIndex` (a compensation that met a paid order finishes forward). */
  async resume(lease: SagaLease, stepIndex: number, data: SagaData): Promise<void> {
    await this.ownedUpdate(
      lease,
      UNFINISHED,
      `status = 'running', step_index = :stepIndex, data = :data`,
      { stepIndex, data: JSON.stringify(data) },
    );
  }

  /**
   * Ends the saga and settles its Idempotency-Key in one transaction, so a crash can never leave
   * a finished saga whose key waits for an answer forever: `answer` is stored for replay, or
   * without one the key is forgotten (a retry then starts afresh).
   */
  async finish(
    lease: SagaLease,
    status: 'completed' | 'compensated' | 'failed',
    data: SagaData,
    answer: StoredAnswer | undefined,
  ): Promise<void> {
    await this.sequelize.transaction(async (transaction) => {
      await this.ownedUpdate(
        lease,
        UNFINISHED,
        'status = :status, data = :data',
        { status, data: JSON.stringify(data) },
        transaction,
      );
      const unanswered = { sagaId: lease.id, responseStatus: null };
      if (answer) {
        await this.models.Idempotency.update(
          { responseStatus: answer.status, responseBody: JSON.stringify(answer.body) },
          { where: unanswered, transaction },
        );
      } else {
        await this.models.Idempotency.destroy({ where: unanswered, transaction });
      }
    });
  }

  /**
   * Parks a saga that ran out of attempts: it stays `stuck` (the key keeps waiting, nothing is
   * retried) until an admin retries it; `parked_from` remembers where it was.
   */
  async park(lease: SagaLease, failure: SagaFailure): Promise<void> {
    await this.ownedUpdate(
      lease,
      UNFINISHED,
      `parked_from = status, status = 'stuck', failure = :failure`,
      { failure: JSON.stringify(failure) },
    );
  }

  /**
   * An admin's retry of a stuck saga: back to where it parked with a fresh attempt budget and an
   * expired lease, so the next recovery sweep takes it on. False if it is not stuck.
   */
  async retry(id: string): Promise<boolean> {
    const [, metadata] = await this.sequelize.query(
      `UPDATE checkout_sagas
          SET status = COALESCE(parked_from, 'compensating'), parked_from = NULL, attempts = 0,
              lease_until = NOW(3) - INTERVAL 1 SECOND, updated_at = NOW(3)
        WHERE id = :id AND status = 'stuck'`,
      { replacements: { id } },
    );
    return affected(metadata) === 1;
  }

  /** Unfinished sagas whose lease ran out (by the database's clock): a crash, a frozen run. */
  async findStale(limit: number): Promise<string[]> {
    const rows = await this.sequelize.query<{ id: string }>(
      `SELECT id FROM checkout_sagas
        WHERE status IN (:unfinished) AND lease_until < NOW(3)
        ORDER BY lease_until LIMIT :limit`,
      { replacements: { unfinished: UNFINISHED, limit }, type: QueryTypes.SELECT },
    );
    return rows.map((row) => row.id);
  }

  /**
   * Takes a stale saga over with a new run token and counts the attempt; undefined when another
   * run got it first or its lease is still good.
   */
  async claim(id: string): Promise<{ saga: StoredSaga; lease: SagaLease } | undefined> {
    const token = this.newToken();
    const [, metadata] = await this.sequelize.query(
      `UPDATE checkout_sagas
          SET owner = :token, lease_until = ${this.leaseSql()}, attempts = attempts + 1,
              updated_at = NOW(3)
        WHERE id = :id AND status IN (:unfinished) AND lease_until < NOW(3)`,
      { replacements: { id, token, unfinished: UNFINISHED } },
    );
    if (affected(metadata) !== 1) return undefined;
    const saga = await this.get(id);
    return saga ? { saga, lease: { id, token } } : undefined;
  }

  async countStuck(): Promise<number> {
    const [row] = await this.sequelize.query<{ n: number | string }>(
      `SELECT COUNT(*) AS n FROM checkout_sagas WHERE status = 'stuck'`,
      { type: QueryTypes.SELECT },
    );
    return Number(row?.n ?? 0);
  }

  /** Sagas in `statuses`, oldest first (admin listing). */
  async list(statuses: SagaStatus[], limit: number): Promise<SagaSummary[]> {
    const rows = await this.select('WHERE status IN (:statuses) ORDER BY created_at LIMIT :limit', {
      statuses,
      limit,
    });
    return rows.map(toSummary);
  }

  /** Ids of sagas running or compensating within their deadline (the audit leaves them be). */
  async inFlight(deadlineSeconds: number): Promise<string[]> {
    const rows = await this.sequelize.query<{ id: string }>(
      `SELECT id FROM checkout_sagas
        WHERE status IN (:unfinished) AND created_at >= NOW(3) - INTERVAL :deadline SECOND`,
      {
        replacements: { unfinished: UNFINISHED, deadline: deadlineSeconds },
        type: QueryTypes.SELECT,
      },
    );
    return rows.map((row) => row.id);
  }

  /** Sagas not finished `deadlineSeconds` after they started (the audit), stuck ones included. */
  async overdue(deadlineSeconds: number, limit: number): Promise<SagaSummary[]> {
    const rows = await this.select(
      `WHERE status IN ('running', 'compensating', 'stuck')
         AND created_at < NOW(3) - INTERVAL :deadline SECOND
       ORDER BY created_at LIMIT :limit`,
      { deadline: deadlineSeconds, limit },
    );
    return rows.map(toSummary);
  }

  private select(where: string, replacements: Record<string, unknown>): Promise<SagaRecord[]> {
    return this.sequelize.query<SagaRecord>(`SELECT ${COLUMNS} FROM checkout_sagas ${where}`, {
      replacements,
      type: QueryTypes.SELECT,
    });
  }

  private async update(
    lease: SagaLease,
    statuses: SagaStatus[],
    set: string,
    replacements: Record<string, unknown>,
    transaction?: Transaction,
  ): Promise<number> {
    const [, metadata] = await this.sequelize.query(
      `UPDATE checkout_sagas
          SET ${set}${set ? ', ' : ''}lease_until = ${this.leaseSql()}, updated_at = NOW(3)
        WHERE id = :id AND owner = :token AND status IN (:statuses)`,
      {
        replacements: { ...replacements, id: lease.id, token: lease.token, statuses },
        transaction,
      },
    );
    return affected(metadata);
  }

  private async ownedUpdate(
    lease: SagaLease,
    statuses: SagaStatus[],
    set: string,
    replacements: Record<string, unknown>,
    transaction?: Transaction,
  ): Promise<void> {
    const count = await this.update(lease, statuses, set, replacements, transaction);
    if (count !== 1) throw new LostOwnershipError(lease.id);
  }
}
