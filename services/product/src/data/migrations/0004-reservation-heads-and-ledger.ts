import type { Migration } from '@gomall/kit/db';
import { DataTypes } from 'sequelize';

/**
 * `reservation_orders`: one row per order, the lock every change of the order's reservation takes
 * first, and its state: reserved (with the time it expires), committed, or released. A release of
 * an order that holds nothing leaves a `released` row too, so a reserve arriving late (its caller
 * gave up on it) is refused instead of holding stock for a cancelled order.
 *
 * The stock ledger on each product: units ever received (stock set by admins, net), sold
 * (committed) and returned (released after commit), so the audit can check
 * on hand + sold − returned = received.
 */
export const reservationHeadsAndLedger: Migration = {
  name: '0004-reservation-heads-and-ledger',
  async up({ context: sequelize }) {
    const q = sequelize.getQueryInterface();
    await q.createTable('reservation_orders', {
      order_id: { type: DataTypes.STRING(64), primaryKey: true },
      status: { type: DataTypes.ENUM('reserved', 'committed', 'released'), allowNull: false },
      expires_at: { type: DataTypes.DATE(3), allowNull: true },
      created_at: { type: DataTypes.DATE(3), allowNull: false },
      updated_at: { type: DataTypes.DATE(3), allowNull: false },
    });
    await q.addIndex('reservation_orders', ['status', 'expires_at']);
    await sequelize.query(
      `INSERT INTO reservation_orders (order_id, status, expires_at, created_at, updated_at)
       SELECT order_id, MIN(status), NULL, MIN(created_at), MAX(updated_at)
         FROM stock_reservations GROUP BY order_id`,
    );
    for (const column of ['units_received', 'units_sold', 'units_returned']) {
      await q.addColumn('products', column, {
        type: DataTypes.BIGINT,
        allowNull: false,
        defaultValue: 0,
      });
    }
    // What is known of the past: committed lines were sold; the rest is what was received.
    await sequelize.query(
      `UPDATE products p SET
          units_sold = (SELECT COALESCE(SUM(quantity), 0) FROM stock_reservations r
                         WHERE r.product_id = p.id AND r.status = 'committed'),
          units_received = p.stock_on_hand + (SELECT COALESCE(SUM(quantity), 0)
                         FROM stock_reservations r
                         WHERE r.product_id = p.id AND r.status = 'committed')`,
    );
  },
  async down({ context: sequelize }) {
    const q = sequelize.getQueryInterface();
    for (const column of ['units_returned', 'units_sold', 'units_received']) {
      await q.removeColumn('products', column);
    }
    await q.dropTable('reservation_orders');
  },
};
