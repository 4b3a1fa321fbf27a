import type { Migration } from '@gomall/kit/db';

/**
 * `void`: the payment of an order cancelled before (or while) it was charged. It takes the order's
 * one payment slot (unique order_id), so a charge that arrives late is refused, never kept.
 */
export const voidPayments: Migration = {
  name: '0004-void-payments',
  async up({ context: sequelize }) {
    await sequelize.query(
      `ALTER TABLE payments MODIFY status ENUM('succeeded', 'failed', 'refunded', 'void') NOT NULL`,
    );
  },
  async down({ context: sequelize }) {
    await sequelize.query(`DELETE FROM payments WHERE status = 'void'`);
    await sequelize.query(
      `ALTER TABLE payments MODIFY status ENUM('succeeded', 'failed', 'refunded') NOT NULL`,
    );
  },
};
