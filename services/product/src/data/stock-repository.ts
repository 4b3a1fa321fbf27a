import { TOPICS } from '@gomall/contracts';
import type { Outbox } from '@gomall/kit/db';
import { QueryTypes, type Sequelize, type Transaction } from 'sequelize';
import {
  assertCommittable,
  assertReservable,
  findShortages,
  InsufficientStock,
  lowStockAfterReserve,
  mergeLines,
  onHandChange,
  replayedReservation,
  reservationAsItStands,
  newReservation,
  type LowStock,
  type Reservation,
  type ReservationStatus,
  type ReservedLine,
  type StockLine,
  type StockRow,
  type StoredReservationLine,
} from '../domain/stock';
import { inTransaction } from './transactions';

/**
 * Stock on hand and reserved per product, and the reservations that move it; the rules they
 * follow are the domain's (domain/stock.ts), this is how they are stored. Every change runs in
 * one transaction: the order's head row first (reservation_orders), then the order's own rows, and
 * the product rows last (always in product-id order), each by an UPDATE that carries its own
 * condition — a reservation's is the availability check — so concurrent buyers can never oversell
 * and a product row is locked only for the last statement or two before the commit.
 */
export class StockRepository {
  constructor(
    private readonly sequelize: Sequelize,
    private readonly outbox: Outbox,
    private readonly lowStockThreshold: number,
    /** A reservation not committed within this many seconds is released by the sweep. */
    private readonly reservationTtlSeconds: number = 1800,
    /** Told after every transaction that may have changed stock (the catalog's read cache). */
    private readonly onStockChange: () => void = () => undefined,
  ) {}

  /** One stock transaction (retried on lock races); the catalog hears of it once it is over. */
  private async write<T>(work: (transaction: Transaction) => Promise<T>): Promise<T> {
    try {
      return await inTransaction(this.sequelize, work);
    } finally {
      this.onStockChange();
    }
  }

  /**
   * Reserves the lines for the order, or replays the first answer (`replayed`). Refused (409) when
   * the order's stock was released already: a late reserve of a cancelled checkout holds nothing.
   */
  async reserve(
    orderId: string,
    items: StockLine[],
  ): Promise<Reservation & { replayed?: boolean }> {
    const lines = mergeLines(items);
    return this.write(async (transaction) => {
      // The order's head row first: every change of this order's reservation queues here.
      const head = await this.lockHead(orderId, 'reserved', transaction);
      assertReservable(head);
      const existing = head.created ? [] : await this.reservationOf(orderId, transaction);
      if (existing.length > 0) return { ...replayedReservation(orderId, existing), replayed: true };
      // The lines are sold at the catalog's name and price as they are now: read, not locked.
      // Unknown or sold out already: refused before anything is written.
      const rows = await this.productsOf(
        lines.map((l) => l.productId),
        transaction,
      );
      const reservation = newReservation(orderId, lines, rows);

      const now = this.sequelize.fn('NOW', 3);
      await this.sequelize.getQueryInterface().bulkInsert(
        'stock_reservations',
        reservation.items.map((line) => ({
          order_id: orderId,
          product_id: line.productId,
          quantity: line.quantity,
          name: line.name,
          unit_price_cents: line.unitPriceCents,
          status: 'reserved',
          created_at: now,
          updated_at: now,
        })),
        { transaction },
      );
      // A head this transaction created is reserved and expiring already (lockHead).
      if (!head.created) {
        await this.sequelize.query(
          `UPDATE reservation_orders
              SET status = 'reserved', updated_at = NOW(3),
                  expires_at = NOW(3) + INTERVAL :ttl SECOND
            WHERE order_id = :orderId`,
          { replacements: { orderId, ttl: this.reservationTtlSeconds }, transaction },
        );
      }
      // The stock itself last, so the product rows stay locked only from here to the commit (a
      // hot product's buyers queue on that lock): one conditional UPDATE per line, in product-id
      // order so concurrent orders never deadlock. The condition is the availability check: a
      // line that no longer fits changes nothing, and the whole reservation is rolled back.
      for (const line of lines) {
        const [, affected] = await this.sequelize.query(
          `UPDATE products SET stock_reserved = stock_reserved + :quantity
            WHERE id = :id AND deleted_at IS NULL AND stock_on_hand - stock_reserved >= :quantity`,
          { replacements: { id: line.productId, quantity: line.quantity }, transaction },
        );
        if (affectedRows(affected) !== 1) {
          throw new InsufficientStock(await this.shortagesNow(lines, transaction));
        }
      }
      // What is left, read under the locks just taken (this transaction's own rows): exact, so
      // `stock.low` goes out once, by the reservation that crossed the threshold.
      const left = await this.availableOf(lines, transaction);
      for (const low of lowStockAfterReserve(lines, left, this.lowStockThreshold)) {
        await this.announceLow(low, transaction);
      }
      return reservation;
    });
  }

  /**
   * A reservation as it stands: its lines with the catalog's name and price at reservation time.
   * The order service prices an order from this, never from its caller.
   */
  async reservation(
    orderId: string,
  ): Promise<{ orderId: string; status: ReservationStatus; items: ReservedLine[] }> {
    const rows = await this.sequelize.query<StoredReservationLine>(
      `SELECT product_id AS productId, name, quantity, unit_price_cents AS unitPriceCents, status
         FROM stock_reservations WHERE order_id = :orderId ORDER BY product_id`,
      { replacements: { orderId }, type: QueryTypes.SELECT },
    );
    return reservationAsItStands(orderId, rows);
  }

  /** Reserved units leave the shelf (on hand and reserved both go down) and count as sold. */
  async commit(orderId: string): Promise<{ orderId: string; status: 'committed' }> {
    return this.write(async (transaction) => {
      const head = await this.findHead(orderId, transaction);
      const rows = await this.reservationOf(orderId, transaction);
      assertCommittable(head, rows);
      // The order's rows first, the product rows last: they stay locked only until the commit.
      await this.setStatus(orderId, 'committed', transaction);
      for (const row of rows.filter((r) => r.status === 'reserved')) {
        await this.sequelize.query(
          `UPDATE products SET stock_on_hand = stock_on_hand - :quantity,
                  stock_reserved = stock_reserved - :quantity,
                  units_sold = units_sold + :quantity
            WHERE id = :id`,
          { replacements: { id: row.productId, quantity: row.quantity }, transaction },
        );
      }
      return { orderId, status: 'committed' as const };
    });
  }

  /**
   * Reserved units become available again; committed ones return to the shelf (counted as
   * returned). An order with nothing reserved gets a released marker all the same, so a reserve
   * that arrives later is refused: `none` tells the caller there was nothing to give back.
   */
  async release(orderId: string): Promise<{ orderId: string; status: 'released' | 'none' }> {
    return this.write(async (transaction) => {
      await this.lockHead(orderId, 'released', transaction);
      return this.releaseLocked(orderId, transaction);
    });
  }

  /**
   * Releases reservations nobody committed within the TTL (a checkout that vanished before its
   * order existed, so no order sweep will ever cancel it). Each is re-checked under its head
   * row's lock, so replicas sweeping at once release each reservation once. Returns the order ids.
   */
  async releaseExpired(limit: number): Promise<string[]> {
    const rows = await this.sequelize.query<{ orderId: string }>(
      `SELECT order_id AS orderId FROM reservation_orders
        WHERE status = 'reserved' AND expires_at < NOW(3)
        ORDER BY expires_at LIMIT :limit`,
      { replacements: { limit }, type: QueryTypes.SELECT },
    );
    const released: string[] = [];
    for (const { orderId } of rows) {
      const done = await this.write(async (transaction) => {
        const [head] = await this.sequelize.query<{ orderId: string }>(
          `SELECT order_id AS orderId FROM reservation_orders
            WHERE order_id = :orderId AND status = 'reserved' AND expires_at < NOW(3)
            FOR UPDATE`,
          { replacements: { orderId }, type: QueryTypes.SELECT, transaction },
        );
        if (!head) return false;
        await this.releaseLocked(orderId, transaction);
        return true;
      });
      if (done) released.push(orderId);
    }
    return released;
  }

  private async releaseLocked(
    orderId: string,
    transaction: Transaction,
  ): Promise<{ orderId: string; status: 'released' | 'none' }> {
    const rows = await this.reservationOf(orderId, transaction);
    if (rows.length === 0) return { orderId, status: 'none' };
    // The order's rows first, the product rows last: they stay locked only until the commit.
    await this.setStatus(orderId, 'released', transaction);
    for (const row of rows) {
      if (row.status === 'reserved') {
        await this.sequelize.query(
          'UPDATE products SET stock_reserved = stock_reserved - :quantity WHERE id = :id',
          { replacements: { id: row.productId, quantity: row.quantity }, transaction },
        );
      } else if (row.status === 'committed') {
        await this.sequelize.query(
          `UPDATE products SET stock_on_hand = stock_on_hand + :quantity,
                  units_returned = units_returned + :quantity
            WHERE id = :id`,
          { replacements: { id: row.productId, quantity: row.quantity }, transaction },
        );
      }
    }
    return { orderId, status: 'released' };
  }

  /** Sets the absolute on-hand quantity; never below what is reserved for unpaid orders. */
  async setOnHand(productId: string, stock: number): Promise<void> {
    return this.write(async (transaction) => {
      const row = (await this.lockProducts([productId], transaction)).get(productId);
      const { low } = onHandChange(productId, row, stock, this.lowStockThreshold);
      // The ledger counts the change as received (negative: written off), so the audit's
      // on hand + sold − returned = received keeps holding.
      await this.sequelize.query(
        `UPDATE products SET units_received =
                  units_received + (CAST(:stock AS SIGNED) - CAST(stock_on_hand AS SIGNED)),
                stock_on_hand = :stock
          WHERE id = :id`,
        { replacements: { id: productId, stock }, transaction },
      );
      if (low) await this.announceLow(low, transaction);
    });
  }

  /** `stock.low`, written to the outbox with the change that caused it. */
  private announceLow(low: LowStock, transaction: Transaction): Promise<void> {
    return this.outbox.add(transaction, TOPICS.stockLow, low);
  }

  /** Name, price and stock of live products as this transaction's snapshot has them (no lock). */
  private async productsOf(ids: string[], transaction: Transaction) {
    const rows = await this.sequelize.query<StockRow>(
      `SELECT id, name, price_cents AS priceCents, stock_on_hand AS onHand, stock_reserved AS reserved
         FROM products WHERE id IN (:ids) AND deleted_at IS NULL`,
      { replacements: { ids }, type: QueryTypes.SELECT, transaction },
    );
    return new Map(rows.map((row) => [row.id, row]));
  }

  /** Available units (on hand − reserved) of the lines' products, as this transaction sees them. */
  private async availableOf(lines: StockLine[], transaction: Transaction) {
    const rows = await this.sequelize.query<{ id: string; available: number }>(
      `SELECT id, CAST(stock_on_hand AS SIGNED) - CAST(stock_reserved AS SIGNED) AS available
         FROM products WHERE id IN (:ids)`,
      {
        replacements: { ids: lines.map((l) => l.productId) },
        type: QueryTypes.SELECT,
        transaction,
      },
    );
    return new Map(rows.map((row) => [row.id, Number(row.available)]));
  }

  /** The lines that do not fit now, from the latest committed stock (a locking read). */
  private async shortagesNow(lines: StockLine[], transaction: Transaction) {
    const rows = await this.lockProducts(
      lines.map((l) => l.productId),
      transaction,
    );
    return findShortages(lines, rows);
  }

  private async lockProducts(ids: string[], transaction: Transaction) {
    const sorted = [...ids].sort();
    const rows = await this.sequelize.query<StockRow>(
      `SELECT id, name, price_cents AS priceCents, stock_on_hand AS onHand, stock_reserved AS reserved
         FROM products WHERE id IN (:ids) AND deleted_at IS NULL ORDER BY id FOR UPDATE`,
      { replacements: { ids: sorted }, type: QueryTypes.SELECT, transaction },
    );
    return new Map(rows.map((row) => [row.id, row]));
  }

  private reservationOf(
    orderId: string,
    transaction: Transaction,
  ): Promise<StoredReservationLine[]> {
    return this.sequelize.query<StoredReservationLine>(
      `SELECT product_id AS productId, name, quantity, unit_price_cents AS unitPriceCents, status
         FROM stock_reservations WHERE order_id = :orderId ORDER BY product_id FOR UPDATE`,
      { replacements: { orderId }, type: QueryTypes.SELECT, transaction },
    );
  }

  private async setStatus(orderId: string, status: ReservationStatus, transaction: Transaction) {
    await this.sequelize.query(
      'UPDATE stock_reservations SET status = :status, updated_at = NOW(3) WHERE order_id = :orderId',
      { replacements: { orderId, status }, transaction },
    );
    await this.sequelize.query(
      `UPDATE reservation_orders SET status = :status, updated_at = NOW(3),
              expires_at = IF(:status = 'reserved', expires_at, NULL)
        WHERE order_id = :orderId`,
      { replacements: { orderId, status }, transaction },
    );
  }

  /**
   * The order's head row, created with `initial` if the order has none, locked for the
   * transaction: the one place concurrent reserve, commit and release of an order queue.
   * `created`: the row is new (this insert holds its lock, and the order has no reservation rows);
   * a new `reserved` head expires after the reservation TTL.
   */
  private async lockHead(
    orderId: string,
    initial: ReservationStatus,
    transaction: Transaction,
  ): Promise<{ status: ReservationStatus; created: boolean }> {
    const [, meta] = await this.sequelize.query(
      `INSERT INTO reservation_orders (order_id, status, expires_at, created_at, updated_at)
       VALUES (:orderId, :initial,
               IF(:initial = 'reserved', NOW(3) + INTERVAL :ttl SECOND, NULL), NOW(3), NOW(3))
       ON DUPLICATE KEY UPDATE order_id = order_id`,
      { replacements: { orderId, initial, ttl: this.reservationTtlSeconds }, transaction },
    );
    // 1: inserted; 0: the row was there (unchanged; Sequelize connects without FOUND_ROWS).
    if (affectedRows(meta) === 1) return { status: initial, created: true };
    return { ...(await this.findHead(orderId, transaction))!, created: false };
  }

  private async findHead(
    orderId: string,
    transaction: Transaction,
  ): Promise<{ status: ReservationStatus } | undefined> {
    const [head] = await this.sequelize.query<{ status: ReservationStatus }>(
      'SELECT status FROM reservation_orders WHERE order_id = :orderId FOR UPDATE',
      { replacements: { orderId }, type: QueryTypes.SELECT, transaction },
    );
    return head;
  }
}

// mysql2 reports an UPDATE's result as a ResultSetHeader (Sequelize passes it through as metadata).
function affectedRows(metadata: unknown): number {
  if (typeof metadata === 'number') return metadata;
  return (metadata as { affectedRows?: number } | undefined)?.affectedRows ?? 0;
}
