import type {
  Address,
  AddressChange,
  AdminOrderSearchQuery,
  Order,
  OrderLine,
  OrderEventPayload,
  OrderListQuery,
  OrderStatus,
  OrderTopic,
  Page,
} from '@gomall/contracts';
import type { Outbox } from '@gomall/kit/db';
import { QueryTypes, UniqueConstraintError, type Sequelize, type Transaction } from 'sequelize';
import { totalOf, type PricedOrder } from '../domain/orders';

interface OrderRow {
  id: string;
  userId: string;
  status: OrderStatus;
  totalCents: number;
  currency: 'USD';
  address: Address | string;
  createdAt: Date;
  updatedAt: Date;
  placeholder: number | boolean;
}

/** An order together with its owner, which the API never shows but every check needs. */
export interface StoredOrder {
  order: Order;
  userId: string;
  /** Recorded cancelled by a compensation that found no order (never shown to the shopper). */
  placeholder: boolean;
}

/**
 * An `order.*` event the domain decided on (events/order-events.ts builds it), written to the
 * outbox in the transaction of the change it announces.
 */
interface Announcement {
  topic: OrderTopic;
  data: OrderEventPayload;
}

const ORDER_COLUMNS = `id, user_id AS userId, status, total_cents AS totalCents, currency, address,
  created_at AS createdAt, updated_at AS updatedAt, placeholder`;

export class OrderRepository {
  constructor(
    private readonly sequelize: Sequelize,
    private readonly outbox: Outbox,
  ) {}

  /**
   * Inserts the order and its lines, and `created` (its `order.created`) in the same transaction;
   * `created` in the answer is false when the id existed already (nothing was written).
   */
  async create(
    userId: string,
    input: PricedOrder,
    created: Announcement,
  ): Promise<{ stored: StoredOrder; created: boolean }> {
    const address = JSON.stringify(input.address);
    const totalCents = totalOf(input.items);
    let row: OrderRow;
    try {
      row = await this.sequelize.transaction(async (transaction) => {
        // The database's clock with milliseconds (created_at orders "newest first"), handed back by
        // RETURNING: the answer is built from what was written, without reading the order again.
        const [inserted] = await this.sequelize.query<Pick<OrderRow, 'createdAt' | 'updatedAt'>>(
          `INSERT INTO orders (id, user_id, status, total_cents, currency, address, email,
                               created_at, updated_at)
           VALUES (:id, :userId, 'pending', :totalCents, 'USD', :address, :email, NOW(3), NOW(3))
           RETURNING created_at AS createdAt, updated_at AS updatedAt`,
          {
            replacements: {
              id: input.id,
              userId,
              totalCents,
              address,
              email: input.email ?? null,
            },
            type: QueryTypes.SELECT,
            transaction,
          },
        );
        await this.sequelize.getQueryInterface().bulkInsert(
          'order_items',
          input.items.map((item, index) => ({
            order_id: input.id,
            line_no: index + 1,
            product_id: item.productId,
            name: item.name,
            quantity: item.quantity,
            unit_price_cents: item.unitPriceCents,
          })),
          { transaction },
        );
        await this.outbox.add(transaction, created.topic, created.data);
        return {
          id: input.id,
          userId,
          status: 'pending',
          totalCents,
          currency: 'USD',
          address,
          createdAt: inserted!.createdAt,
          updatedAt: inserted!.updatedAt,
          placeholder: false,
        };
      });
    } catch (error) {
      if (!(error instanceof UniqueConstraintError)) throw error;
      return { stored: (await this.get(input.id))!, created: false };
    }
    const items = input.items.map(({ productId, name, quantity, unitPriceCents }) => ({
      productId,
      name,
      quantity,
      unitPriceCents,
    }));
    return { stored: { order: toOrder(row, items), userId, placeholder: false }, created: true };
  }

  async get(id: string, transaction?: Transaction): Promise<StoredOrder | undefined> {
    const rows = await this.sequelize.query<OrderRow>(
      `SELECT ${ORDER_COLUMNS} FROM orders WHERE id = :id`,
      { replacements: { id }, type: QueryTypes.SELECT, transaction },
    );
    if (rows.length === 0) return undefined;
    const lines = await this.linesOf([id], transaction);
    const row = rows[0]!;
    return {
      order: toOrder(row, lines.get(id) ?? []),
      userId: row.userId,
      placeholder: Boolean(row.placeholder),
    };
  }

  /**
   * Records a cancelled order without lines under an id no order has yet, with its
   * `order.cancelled` event; false when the id is taken (an order was created first).
   */
  async createCancelledPlaceholder(
    id: string,
    userId: string,
    reason: string,
    event: Announcement,
  ): Promise<boolean> {
    try {
      await this.sequelize.transaction(async (transaction) => {
        await this.sequelize.query(
          `INSERT INTO orders (id, user_id, status, total_cents, currency, address, cancel_reason,
                               placeholder, created_at, updated_at)
           VALUES (:id, :userId, 'cancelled', 0, 'USD', '{}', :reason, TRUE, NOW(3), NOW(3))`,
          { replacements: { id, userId, reason }, transaction },
        );
        await this.outbox.add(transaction, event.topic, event.data);
      });
      return true;
    } catch (error) {
      if (error instanceof UniqueConstraintError) return false;
      throw error;
    }
  }

  /** The user's orders, newest first. */
  listForUser(userId: string, query: OrderListQuery): Promise<Page<Order>> {
    return this.page('user_id = :userId AND NOT placeholder', { userId }, query);
  }

  /** Every order (placeholders aside) by status and creation time, newest first: the admins' view. */
  search(query: AdminOrderSearchQuery): Promise<Page<Order>> {
    const where = ['NOT placeholder'];
    const replacements: Record<string, unknown> = {};
    if (query.status) {
      where.push('status = :status');
      replacements.status = query.status;
    }
    if (query.from) {
      where.push('created_at >= :from');
      replacements.from = new Date(query.from);
    }
    if (query.to) {
      where.push('created_at < :to');
      replacements.to = new Date(query.to);
    }
    return this.page(where.join(' AND '), replacements, query);
  }

  /** One page of the orders matching `condition` (SQL with named replacements), newest first. */
  private async page(
    condition: string,
    replacements: Record<string, unknown>,
    query: OrderListQuery,
  ): Promise<Page<Order>> {
    const rows = await this.sequelize.query<OrderRow>(
      `SELECT ${ORDER_COLUMNS} FROM orders WHERE ${condition}
        ORDER BY created_at DESC, id DESC LIMIT :limit OFFSET :offset`,
      {
        replacements: {
          ...replacements,
          limit: query.pageSize,
          offset: (query.page - 1) * query.pageSize,
        },
        type: QueryTypes.SELECT,
      },
    );
    const [count] = await this.sequelize.query<{ total: number | string }>(
      `SELECT COUNT(*) AS total FROM orders WHERE ${condition}`,
      { replacements, type: QueryTypes.SELECT },
    );
    const lines = await this.linesOf(rows.map((row) => row.id));
    return {
      items: rows.map((row) => toOrder(row, lines.get(row.id) ?? [])),
      page: query.page,
      pageSize: query.pageSize,
      total: Number(count?.total ?? 0),
    };
  }

  /**
   * Sets a new shipping address while the order is still in one of `from`, and records the change
   * in the same transaction; false when the order has moved on (shipped, cancelled…).
   */
  async changeAddress(
    id: string,
    from: readonly OrderStatus[],
    address: Address,
    by: { userId: string; admin: boolean },
  ): Promise<boolean> {
    return this.sequelize.transaction(async (transaction) => {
      const rows = await this.sequelize.query<{ address: Address | string }>(
        `SELECT address FROM orders WHERE id = :id AND status IN (:from) AND NOT placeholder
          FOR UPDATE`,
        { replacements: { id, from }, type: QueryTypes.SELECT, transaction },
      );
      if (rows.length === 0) return false;
      const previous = rows[0]!.address;
      await this.sequelize.query(
        `UPDATE orders SET address = :address, updated_at = NOW(3) WHERE id = :id`,
        { replacements: { id, address: JSON.stringify(address) }, transaction },
      );
      await this.sequelize.query(
        `INSERT INTO order_address_changes
           (order_id, changed_by, by_admin, old_address, new_address, changed_at)
         VALUES (:id, :by, :admin, :old, :new, NOW(3))`,
        {
          replacements: {
            id,
            by: by.userId,
            admin: by.admin,
            old: typeof previous === 'string' ? previous : JSON.stringify(previous),
            new: JSON.stringify(address),
          },
          transaction,
        },
      );
      return true;
    });
  }

  /** An order's address changes, oldest first. */
  async addressHistory(id: string): Promise<AddressChange[]> {
    const rows = await this.sequelize.query<{
      changedAt: Date;
      changedBy: string;
      byAdmin: number | boolean;
      oldAddress: Address | string;
      newAddress: Address | string;
    }>(
      `SELECT changed_at AS changedAt, changed_by AS changedBy, by_admin AS byAdmin,
              old_address AS oldAddress, new_address AS newAddress
         FROM order_address_changes WHERE order_id = :id ORDER BY changed_at, id`,
      { replacements: { id }, type: QueryTypes.SELECT },
    );
    const parse = (value: Address | string): Address =>
      typeof value === 'string' ? (JSON.parse(value) as Address) : value;
    return rows.map((row) => ({
      changedAt: new Date(row.changedAt).toISOString(),
      changedBy: row.changedBy,
      byAdmin: Boolean(row.byAdmin),
      from: parse(row.oldAddress),
      to: parse(row.newAddress),
    }));
  }

  /**
   * Moves the order to `to` only if it is still in one of `from`: the condition in the UPDATE
   * makes concurrent transitions (saga, shopper, sweep) safe without holding locks across calls.
   * Answers the moved order's new `updated_at`, or undefined when it was not in `from`.
   */
  async transition(
    id: string,
    from: OrderStatus[],
    to: OrderStatus,
    extra: { paymentId?: string; cancelReason?: string } = {},
    event?: Announcement,
  ): Promise<Date | undefined> {
    return this.sequelize.transaction(async (transaction) => {
      const [, meta] = await this.sequelize.query(
        `UPDATE orders SET status = :to, updated_at = NOW(3),
                payment_id = COALESCE(:paymentId, payment_id),
                cancel_reason = COALESCE(:cancelReason, cancel_reason)
          WHERE id = :id AND status IN (:from)`,
        {
          replacements: {
            id,
            from,
            to,
            paymentId: extra.paymentId ?? null,
            cancelReason: extra.cancelReason ?? null,
          },
          transaction,
        },
      );
      if (((meta as { affectedRows?: number }).affectedRows ?? 0) !== 1) return undefined;
      if (event) await this.outbox.add(transaction, event.topic, event.data);
      const [row] = await this.sequelize.query<{ updatedAt: Date }>(
        `SELECT updated_at AS updatedAt FROM orders WHERE id = :id`,
        { replacements: { id }, type: QueryTypes.SELECT, transaction },
      );
      return new Date(row!.updatedAt);
    });
  }

  /** Ids of pending orders created before `cutoff`, oldest first. */
  async expiredPending(cutoff: Date, limit: number): Promise<string[]> {
    const rows = await this.sequelize.query<{ id: string }>(
      `SELECT id FROM orders WHERE status = 'pending' AND created_at < :cutoff
        ORDER BY created_at LIMIT :limit`,
      { replacements: { cutoff, limit }, type: QueryTypes.SELECT },
    );
    return rows.map((row) => row.id);
  }

  private async linesOf(ids: string[], transaction?: Transaction) {
    const byOrder = new Map<string, OrderLine[]>();
    if (ids.length === 0) return byOrder;
    const rows = await this.sequelize.query<OrderLine & { orderId: string }>(
      `SELECT order_id AS orderId, product_id AS productId, name, quantity,
              unit_price_cents AS unitPriceCents
         FROM order_items WHERE order_id IN (:ids) ORDER BY order_id, line_no`,
      { replacements: { ids }, type: QueryTypes.SELECT, transaction },
    );
    for (const { orderId, ...line } of rows) {
      const list = byOrder.get(orderId) ?? [];
      list.push(line);
      byOrder.set(orderId, list);
    }
    return byOrder;
  }
}

function toOrder(row: OrderRow, items: OrderLine[]): Order {
  return {
    id: row.id,
    status: row.status,
    items,
    totalCents: row.totalCents,
    currency: row.currency,
    // MariaDB's JSON is a LONGTEXT alias, so the driver hands it back as a string.
    address: typeof row.address === 'string' ? (JSON.parse(row.address) as Address) : row.address,
    createdAt: new Date(row.createdAt).toISOString(),
    updatedAt: new Date(row.updatedAt).toISOString(),
  };
}
