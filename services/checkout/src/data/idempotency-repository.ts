import { UniqueConstraintError, type Sequelize } from 'sequelize';
import type { CheckoutKeys, IdempotencyRecord, NewCheckout } from '../domain/ports';
import type { CheckoutModels } from './models';

/**
 * Idempotency records keyed by user + Idempotency-Key, holding the body's fingerprint and, once
 * there is one, the first answer (written by SagaRepository.finish with the saga's end).
 */
export class IdempotencyRepository implements CheckoutKeys {
  constructor(
    private readonly sequelize: Sequelize,
    private readonly models: CheckoutModels,
  ) {}

  /**
   * Records the key and the saga together, before anything acts. The primary key decides the one
   * runner among parallel duplicates: false when another request holds the key already.
   */
  async claim(checkout: NewCheckout): Promise<boolean> {
    try {
      await this.sequelize.transaction(async (transaction) => {
        await this.models.Idempotency.create(
          {
            userId: checkout.userId,
            idempotencyKey: checkout.idempotencyKey,
            requestHash: checkout.requestHash,
            sagaId: checkout.saga.orderId,
            responseStatus: null,
            responseBody: null,
          },
          { transaction },
        );
        await this.models.Saga.create(
          {
            id: checkout.saga.orderId,
            userId: checkout.userId,
            status: 'running',
            stepIndex: 0,
            data: JSON.stringify(checkout.saga),
            failure: null,
            owner: checkout.token,
            leaseUntil: this.sequelize.literal(checkout.leaseSql) as unknown as Date,
          },
          { transaction },
        );
      });
      return true;
    } catch (error) {
      if (error instanceof UniqueConstraintError) return false;
      throw error;
    }
  }

  async find(userId: string, idempotencyKey: string): Promise<IdempotencyRecord | undefined> {
    const found = await this.models.Idempotency.findOne({ where: { userId, idempotencyKey } });
    if (!found) return undefined;
    return {
      requestHash: found.requestHash,
      sagaId: found.sagaId,
      answer:
        found.responseStatus === null
          ? undefined
          : { status: found.responseStatus, body: JSON.parse(found.responseBody ?? 'null') },
    };
  }
}
