import type { Reservation, ReservationStatus, ReservedLine, StockLine } from '@gomall/contracts';
import { AppError, conflict, notFound } from '@gomall/kit';

// The reservations' wire shapes are the contracts' (internal/product.ts).
export type { Reservation, ReservationStatus, ReservedLine, StockLine };

export interface Shortage {
  productId: string;
  requested: number;
  available: number;
}

/** A product row as the reservation sees it, locked for the transaction. */
export interface StockRow {
  id: string;
  name: string;
  priceCents: number;
  onHand: number;
  reserved: number;
}

/**
 * The same product twice in one request is one line with the summed quantity, so the reservation
 * table keeps one row per (order, product). Sorted by product id: rows are then always locked in
 * the same order, which keeps concurrent reservations from deadlocking each other.
 */
export function mergeLines(items: StockLine[]): StockLine[] {
  const byProduct = new Map<string, number>();
  for (const item of items) {
    byProduct.set(item.productId, (byProduct.get(item.productId) ?? 0) + item.quantity);
  }
  return [...byProduct.entries()]
    .map(([productId, quantity]) => ({ productId, quantity }))
    .sort((a, b) => (a.productId < b.productId ? -1 : a.productId > b.productId ? 1 : 0));
}

/** Every line that cannot be served from what is available (on hand − reserved). */
export function findShortages(lines: StockLine[], rows: Map<string, StockRow>): Shortage[] {
  const shortages: Shortage[] = [];
  for (const line of lines) {
    const row = rows.get(line.productId);
    const available = row ? Math.max(0, row.onHand - row.reserved) : 0;
    if (line.quantity > available) {
      shortages.push({ productId: line.productId, requested: line.quantity, available });
    }
  }
  return shortages;
}

/** Whether a change of available stock crossed the low-stock threshold from above. */
export const crossedLowStock = (before: number, after: number, threshold: number): boolean =>
  before > threshold && after <= threshold;

/** A product's availability fell to the threshold or below: the fact `stock.low` announces. */
export interface LowStock {
  productId: string;
  available: number;
}

/** Thrown (and counted) when a reservation cannot be served; nothing was reserved. */
export class InsufficientStock extends AppError {
  constructor(details: unknown) {
    super(409, 'INSUFFICIENT_STOCK', 'Not enough stock for some items', details);
  }
}

/** A reservation line as stored: the catalog's name and price when it was reserved. */
export interface StoredReservationLine extends ReservedLine {
  status: ReservationStatus;
}

/** A late reserve of a cancelled checkout holds nothing: an order's released stock stays released. */
export function assertReservable(head: { status: ReservationStatus }): void {
  if (head.status === 'released') {
    throw conflict('The stock of this order was released; the checkout was cancelled');
  }
}

/**
 * The reservation of the (merged) lines, sold at the catalog's name and price as `rows` have them
 * now. Refused before anything is written: 404 for a product the catalog does not have, 409
 * INSUFFICIENT_STOCK for a line that does not fit what is available.
 */
export function newReservation(
  orderId: string,
  lines: StockLine[],
  rows: Map<string, StockRow>,
): Reservation {
  const unknown = lines.filter((l) => !rows.has(l.productId)).map((l) => l.productId);
  if (unknown.length > 0) {
    throw new AppError(404, 'NOT_FOUND', 'Unknown product', { productIds: unknown });
  }
  const shortages = findShortages(lines, rows);
  if (shortages.length > 0) throw new InsufficientStock(shortages);
  return {
    orderId,
    status: 'reserved',
    items: lines.map((line) => {
      const row = rows.get(line.productId)!;
      return {
        productId: line.productId,
        name: row.name,
        quantity: line.quantity,
        unitPriceCents: row.priceCents,
      };
    }),
  };
}

/** The first answer again, for a reservation that exists; a released one cannot be revived. */
export function replayedReservation(orderId: string, rows: StoredReservationLine[]): Reservation {
  if (rows.some((r) => r.status === 'released')) {
    throw conflict('The reservation for this order was released');
  }
  return { orderId, status: 'reserved', items: rows.map(reservedLine) };
}

/** A reservation as it stands (the order service prices an order from it, never from its caller). */
export function reservationAsItStands(
  orderId: string,
  rows: StoredReservationLine[],
): { orderId: string; status: ReservationStatus; items: ReservedLine[] } {
  if (rows.length === 0) throw notFound('No reservation for this order');
  return { orderId, status: rows[0]!.status, items: rows.map(reservedLine) };
}

/** Only a reservation that exists and was never released can be committed. */
export function assertCommittable(
  head: { status: ReservationStatus } | undefined,
  rows: StoredReservationLine[],
): void {
  if (!head || rows.length === 0) throw notFound('No reservation for this order');
  if (head.status === 'released' || rows.some((r) => r.status === 'released')) {
    throw conflict('The reservation was released and cannot be committed');
  }
}

/**
 * The lines whose product's availability crossed the low-stock threshold with this reservation,
 * from what is `left` after it (each line's quantity was available just before).
 */
export function lowStockAfterReserve(
  lines: StockLine[],
  left: Map<string, number>,
  threshold: number,
): LowStock[] {
  return lines
    .map((line) => ({ productId: line.productId, available: left.get(line.productId)!, line }))
    .filter(({ available, line }) =>
      crossedLowStock(available + line.quantity, available, threshold),
    )
    .map(({ productId, available }) => ({ productId, available }));
}

/**
 * A new on-hand quantity for a product: 404 when there is none, never below what is reserved for
 * unpaid orders (409). Returns the `stock.low` fact when the change crossed the threshold.
 */
export function onHandChange(
  productId: string,
  row: StockRow | undefined,
  stock: number,
  threshold: number,
): { low?: LowStock } {
  if (!row) throw notFound('Product not found');
  if (stock < row.reserved) {
    throw conflict('Stock cannot go below the reserved quantity', {
      reserved: row.reserved,
      requested: stock,
    });
  }
  const before = row.onHand - row.reserved;
  const after = stock - row.reserved;
  return crossedLowStock(before, after, threshold) ? { low: { productId, available: after } } : {};
}

const reservedLine = (r: StoredReservationLine): ReservedLine => ({
  productId: r.productId,
  name: r.name,
  quantity: r.quantity,
  unitPriceCents: r.unitPriceCents,
});
