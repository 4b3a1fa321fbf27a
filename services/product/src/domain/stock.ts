import type { StockLine } from '@gomall/contracts';

// The reservations' wire shapes are the contracts' (internal/product.ts).
export type { Reservation, ReservationStatus, ReservedLine, StockLine } from '@gomall/contracts';

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
