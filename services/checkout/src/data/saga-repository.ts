import { Op, type Sequelize, type Transaction } from 'sequelize';
import type { StoredAnswer } from '../domain/answers';
import type { SagaData } from '../domain/saga-data';
import type { CheckoutModels, SagaRow, SagaStatus } from './models';

/** The failure that made a saga compensate, as stored with it. */
export interface SagaFailure {
  status: number;
  code: string;
  message: string;
  details?: unknown;
}

export interface StoredSaga {
  id: string;
  userId: string;
  status: SagaStatus;
  stepIndex: number;
  data: SagaData;
  failure: SagaFailure | null;
  createdAt: Date;
}

/** Another process took the saga over (its lease had run out); this one must stop touching it. */
export class LostOwnershipError extends Error {
  constructor(sagaId: string) {
    super(`saga ${sagaId} is owned by another process now`);
    this.name = 'LostOwnershipError';
  }
}

const UNFINISHED: SagaStatus[] = ['running', 'compensating'];

function toStored(row: SagaRow): StoredSaga {
  return {
    id: row.id,
    userId: row.userId,
    status: row.status,
    stepIndex: row.stepIndex,
    data: JSON.parse(row.data) as SagaData,
    failure: row.failure ? (JSON.parse(row.failure) as SagaFailure) : null,
    createdAt: row.createdAt,
  };
}

/**
 * Checkout sagas in MariaDB. Every write is conditional on the owner, so a process whose lease ran
 * out (and whose saga recovery took over) can never overwrite the new owner's progress.
 */
export class SagaRepository {
  constructor(
    private readonly sequelize: Sequelize,
    private readonly models: CheckoutModels,
    /** This process instance. */
    readonly owner: string,
    private readonly leaseMs: number,
  ) {}

  private lease(): Date {
    return new Date(Date.now() + this.leaseMs);
  }

  async get(id: string): Promise<StoredSaga | undefined> {
    const row = await this.models.Saga.findByPk(id);
    return row ? toStored(row) : undefined;
  }

  /** Records a finished step (and the data it produced) and renews the lease. */
  async recordStep(id: string, stepIndex: number, data: SagaData): Promise<void> {
    await this.ownedUpdate(id, 'running', {
      stepIndex,
      data: JSON.stringify(data),
      leaseUntil: this.lease(),
    });
  }

  async markCompensating(
    id: string,
    fromStep: number,
    data: SagaData,
    failure: SagaFailure,
  ): Promise<void> {
    await this.ownedUpdate(id, ['running', 'compensating'], {
      status: 'compensating',
      stepIndex: fromStep,
      data: JSON.stringify(data),
      failure: JSON.stringify(failure),
      leaseUntil: this.lease(),
    });
  }

  /**
   * Ends the saga and settles its Idempotency-Key in one transaction, so a crash can never leave
   * a finished saga whose key waits for an answer forever: `answer` is stored for replay, or
   * without one the key is forgotten (a retry then starts afresh).
   */
  async finish(
    id: string,
    status: 'completed' | 'compensated' | 'failed',
    data: SagaData,
    answer: StoredAnswer | undefined,
  ): Promise<void> {
    await this.sequelize.transaction(async (transaction) => {
      await this.ownedUpdate(id, UNFINISHED, { status, data: JSON.stringify(data) }, transaction);
      const unanswered = { sagaId: id, responseStatus: null };
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

  /** Unfinished sagas whose owner stopped renewing the lease: a crash, or a stuck compensation. */
  async findStale(limit: number): Promise<string[]> {
    const rows = await this.models.Saga.findAll({
      attributes: ['id'],
      where: { status: { [Op.in]: UNFINISHED }, leaseUntil: { [Op.lt]: new Date() } },
      order: [['leaseUntil', 'ASC']],
      limit,
    });
    return rows.map((row) => row.id);
  }

  /** Takes a stale saga over; false when another process got it first or it is not stale. */
  async claim(id: string): Promise<StoredSaga | undefined> {
    const [count] = await this.models.Saga.update(
      { owner: this.owner, leaseUntil: this.lease() },
      {
        where: { id, status: { [Op.in]: UNFINISHED }, leaseUntil: { [Op.lt]: new Date() } },
      },
    );
    return count === 1 ? this.get(id) : undefined;
  }

  private async ownedUpdate(
    id: string,
    status: SagaStatus | SagaStatus[],
    values: Partial<Pick<SagaRow, 'status' | 'stepIndex' | 'data' | 'failure' | 'leaseUntil'>>,
    transaction?: Transaction,
  ): Promise<void> {
    const [count] = await this.models.Saga.update(values, {
      where: {
        id,
        owner: this.owner,
        status: Array.isArray(status) ? { [Op.in]: status } : status,
      },
      transaction,
    });
    if (count !== 1) throw new LostOwnershipError(id);
  }
}
