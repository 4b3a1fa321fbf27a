import { randomUUID } from 'node:crypto';
import { QueryTypes, UniqueConstraintError, type Sequelize, type Transaction } from 'sequelize';
import type { CardBrand, Payment, PaymentStatus } from '../domain/card';

export interface NewPayment {
  orderId: string;
  amountCents: number;
  currency: string;
  brand: CardBrand;
  last4: string;
  status: Extract<PaymentStatus, 'succeeded' | 'failed'>;
}

const COLUMNS = `id, order_id AS orderId, status, amount_cents AS amountCents, currency, last4, brand`;

export class PaymentRepository {
  constructor(private readonly sequelize: Sequelize) {}

  async byOrder(orderId: string): Promise<Payment | undefined> {
    const rows = await this.sequelize.query<Payment>(
      `SELECT ${COLUMNS} FROM payments WHERE order_id = :orderId`,
      { replacements: { orderId }, type: QueryTypes.SELECT },
    );
    return rows[0];
  }

  /**
   * Records the outcome of a charge. Two charges of one order racing: the unique key lets exactly
   * one insert win, and `created` tells the caller whether it was this one.
   */
  async record(input: NewPayment): Promise<{ payment: Payment; created: boolean }> {
    const id = randomUUID();
    const now = new Date();
    try {
      await this.sequelize.getQueryInterface().bulkInsert('payments', [
        {
          id,
          order_id: input.orderId,
          amount_cents: input.amountCents,
          currency: input.currency,
          brand: input.brand,
          last4: input.last4,
          status: input.status,
          created_at: now,
          updated_at: now,
        },
      ]);
    } catch (error) {
      if (!(error instanceof UniqueConstraintError)) throw error;
      return { payment: (await this.byOrder(input.orderId))!, created: false };
    }
    const { brand, last4, orderId, amountCents, currency, status } = input;
    return { payment: { id, orderId, status, amountCents, currency, last4, brand }, created: true };
  }

  /** succeeded → refunded; `changed` is false when it was refunded already. */
  async markRefunded(orderId: string, transaction?: Transaction): Promise<boolean> {
    const [, meta] = await this.sequelize.query(
      `UPDATE payments SET status = 'refunded', updated_at = NOW(3)
        WHERE order_id = :orderId AND status = 'succeeded'`,
      { replacements: { orderId }, transaction },
    );
    return ((meta as { affectedRows?: number }).affectedRows ?? 0) === 1;
  }
}
