import { randomUUID } from 'node:crypto';
import type { EventPayload, Payment, PaymentTopic } from '@gomall/contracts';
import type { Outbox } from '@gomall/kit/db';
import { QueryTypes, UniqueConstraintError, type Sequelize, type Transaction } from 'sequelize';
import type { CardBrand, PaymentStatus } from '../domain/card';

export interface NewPayment {
  orderId: string;
  amountCents: number;
  currency: string;
  brand: CardBrand;
  last4: string;
  status: Extract<PaymentStatus, 'succeeded' | 'failed'>;
}

/**
 * The `payment.*` event of a stored outcome, as the domain decides it (events/payment-events.ts
 * builds it); written to the outbox in the transaction that stores the outcome.
 */
type Announce = (payment: Payment) => { topic: PaymentTopic; data: EventPayload<PaymentTopic> };

const COLUMNS = `id, order_id AS orderId, status, amount_cents AS amountCents, currency, last4, brand`;

export class PaymentRepository {
  constructor(
    private readonly sequelize: Sequelize,
    private readonly outbox: Outbox,
  ) {}

  async byOrder(orderId: string, transaction?: Transaction): Promise<Payment | undefined> {
    const rows = await this.sequelize.query<Payment>(
      `SELECT ${COLUMNS} FROM payments WHERE order_id = :orderId`,
      { replacements: { orderId }, type: QueryTypes.SELECT, transaction },
    );
    return rows[0];
  }

  /**
   * Records the outcome of a charge and its event. Two charges of one order racing: the unique
   * key lets exactly one insert win, and `created` tells the caller whether it was this one.
   */
  async record(
    input: NewPayment,
    announce: Announce,
  ): Promise<{ payment: Payment; created: boolean }> {
    const { brand, last4, orderId, amountCents, currency, status } = input;
    const payment: Payment = {
      id: randomUUID(),
      orderId,
      status,
      amountCents,
      currency,
      last4,
      brand,
    };
    try {
      await this.sequelize.transaction(async (transaction) => {
        const now = this.sequelize.fn('NOW', 3);
        await this.sequelize.getQueryInterface().bulkInsert(
          'payments',
          [
            {
              id: payment.id,
              order_id: orderId,
              amount_cents: amountCents,
              currency,
              brand,
              last4,
              status,
              created_at: now,
              updated_at: now,
            },
          ],
          { transaction },
        );
        const event = announce(payment);
        await this.outbox.add(transaction, event.topic, event.data);
      });
    } catch (error) {
      if (!(error instanceof UniqueConstraintError)) throw error;
      return { payment: (await this.byOrder(orderId))!, created: false };
    }
    return { payment, created: true };
  }

  /**
   * Takes the order's payment slot with a `void` payment if it has none, so a charge that arrives
   * later is refused. A charge racing with it waits on the unique key and then finds the void row;
   * one that committed first is left for markRefunded (call this first, then that).
   */
  async voidIfUncharged(orderId: string, transaction: Transaction): Promise<boolean> {
    const [, meta] = await this.sequelize.query(
      // IGNORE: a payment the order has already (charged, declined, void) stays as it is.
      `INSERT IGNORE INTO payments (id, order_id, amount_cents, currency, brand, last4, status,
                                    created_at, updated_at)
       VALUES (:id, :orderId, 0, 'USD', 'unknown', '0000', 'void', NOW(3), NOW(3))`,
      { replacements: { id: randomUUID(), orderId }, transaction },
    );
    return ((meta as { affectedRows?: number } | undefined)?.affectedRows ?? 0) === 1;
  }

  /** succeeded → refunded, with its event; false when there was nothing (more) to refund. */
  async markRefunded(
    orderId: string,
    announce: Announce,
    transaction?: Transaction,
  ): Promise<boolean> {
    const work = async (tx: Transaction) => {
      const [, meta] = await this.sequelize.query(
        `UPDATE payments SET status = 'refunded', updated_at = NOW(3)
          WHERE order_id = :orderId AND status = 'succeeded'`,
        { replacements: { orderId }, transaction: tx },
      );
      if (((meta as { affectedRows?: number }).affectedRows ?? 0) !== 1) return false;
      const event = announce((await this.byOrder(orderId, tx))!);
      await this.outbox.add(tx, event.topic, event.data);
      return true;
    };
    return transaction ? work(transaction) : this.sequelize.transaction(work);
  }
}
