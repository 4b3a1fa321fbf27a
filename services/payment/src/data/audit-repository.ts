import { QueryTypes, type Sequelize } from 'sequelize';

/** The payment service's side of the cross-service audit (read only). */
export interface PaymentAuditFacts {
  /** Succeeded charges: each must belong to a paid or shipped order of the same amount. */
  succeeded: Array<{ orderId: string; amountCents: number }>;
  /** How many payments of each status there are (context for the report). */
  byStatus: Record<string, number>;
}

export class PaymentAuditRepository {
  constructor(private readonly sequelize: Sequelize) {}

  async facts(): Promise<PaymentAuditFacts> {
    const succeeded = await this.sequelize.query<{ orderId: string; amountCents: number }>(
      `SELECT order_id AS orderId, amount_cents AS amountCents FROM payments
        WHERE status = 'succeeded' ORDER BY created_at`,
      { type: QueryTypes.SELECT },
    );
    const counts = await this.sequelize.query<{ status: string; n: number | string }>(
      'SELECT status, COUNT(*) AS n FROM payments GROUP BY status',
      { type: QueryTypes.SELECT },
    );
    return {
      succeeded: succeeded.map((p) => ({ ...p, amountCents: Number(p.amountCents) })),
      byStatus: Object.fromEntries(counts.map((c) => [c.status, Number(c.n)])),
    };
  }
}
