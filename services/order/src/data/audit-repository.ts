import { QueryTypes, type Sequelize } from 'sequelize';

/** The order service's side of the cross-service audit (read only). */
export interface OrderAuditFacts {
  /** Paid and shipped orders: each must have one succeeded charge of its total. */
  paid: Array<{ id: string; status: string; totalCents: number }>;
  /** Pending orders: the only ones that may hold reserved stock. */
  pending: string[];
  /** Units of paid and shipped orders by product: what the product service must count as sold. */
  unitsSold: Record<string, number>;
}

export class OrderAuditRepository {
  constructor(private readonly sequelize: Sequelize) {}

  async facts(): Promise<OrderAuditFacts> {
    const paid = await this.sequelize.query<{ id: string; status: string; totalCents: number }>(
      `SELECT id, status, total_cents AS totalCents FROM orders
        WHERE status IN ('paid', 'shipped') ORDER BY created_at`,
      { type: QueryTypes.SELECT },
    );
    const pending = await this.sequelize.query<{ id: string }>(
      `SELECT id FROM orders WHERE status = 'pending'`,
      { type: QueryTypes.SELECT },
    );
    const units = await this.sequelize.query<{ productId: string; units: number | string }>(
      `SELECT i.product_id AS productId, SUM(i.quantity) AS units
         FROM order_items i JOIN orders o ON o.id = i.order_id
        WHERE o.status IN ('paid', 'shipped') GROUP BY i.product_id`,
      { type: QueryTypes.SELECT },
    );
    return {
      paid: paid.map((o) => ({ ...o, totalCents: Number(o.totalCents) })),
      pending: pending.map((o) => o.id),
      unitsSold: Object.fromEntries(units.map((u) => [u.productId, Number(u.units)])),
    };
  }
}
