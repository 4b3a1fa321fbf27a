import { QueryTypes, type Sequelize } from 'sequelize';

/** One product's stock and ledger, for the audit. */
interface ProductStockFacts {
  id: string;
  onHand: number;
  reserved: number;
  received: number;
  sold: number;
  returned: number;
  /** What the open reservations of this product add up to (must equal `reserved`). */
  reservedLines: number;
}

/** The product service's side of the cross-service audit (read only). */
export interface ProductAuditFacts {
  products: ProductStockFacts[];
  /** Open reservations, by order: each must belong to a pending order (or a saga in flight). */
  reservations: Array<{ orderId: string; ageSeconds: number }>;
}

export class ProductAuditRepository {
  constructor(private readonly sequelize: Sequelize) {}

  async facts(): Promise<ProductAuditFacts> {
    const products = await this.sequelize.query<Record<keyof ProductStockFacts, number | string>>(
      `SELECT p.id, p.stock_on_hand AS onHand, p.stock_reserved AS reserved,
              p.units_received AS received, p.units_sold AS sold, p.units_returned AS returned,
              COALESCE((SELECT SUM(r.quantity) FROM stock_reservations r
                         WHERE r.product_id = p.id AND r.status = 'reserved'), 0) AS reservedLines
         FROM products p ORDER BY p.id`,
      { type: QueryTypes.SELECT },
    );
    const reservations = await this.sequelize.query<{ orderId: string; ageSeconds: number }>(
      `SELECT order_id AS orderId, TIMESTAMPDIFF(SECOND, created_at, NOW(3)) AS ageSeconds
         FROM reservation_orders WHERE status = 'reserved' ORDER BY created_at`,
      { type: QueryTypes.SELECT },
    );
    return {
      products: products.map((p) => ({
        id: String(p.id),
        onHand: Number(p.onHand),
        reserved: Number(p.reserved),
        received: Number(p.received),
        sold: Number(p.sold),
        returned: Number(p.returned),
        reservedLines: Number(p.reservedLines),
      })),
      reservations: reservations.map((r) => ({ ...r, ageSeconds: Number(r.ageSeconds) })),
    };
  }
}
