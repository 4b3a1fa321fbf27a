import type { CreateOrderBody, OrderLine, OrderStatus } from '@gomall/contracts';

/** The status machine: pending → paid → shipped, pending → cancelled, paid → refunded. */
const TRANSITIONS: Record<OrderStatus, readonly OrderStatus[]> = {
  pending: ['paid', 'cancelled'],
  paid: ['shipped', 'refunded'],
  shipped: [],
  cancelled: [],
  refunded: [],
};

export const canTransition = (from: OrderStatus, to: OrderStatus): boolean =>
  TRANSITIONS[from].includes(to);

/** Ten million dollars: far above any real cart, and safely inside the column's range. */
export const MAX_TOTAL_CENTS = 1_000_000_000;

/**
 * An order to store: the caller's address and lines priced from the reservation (the body's own
 * prices are ignored, see Orders.create).
 */
export type PricedOrder = Omit<CreateOrderBody, 'items'> & { items: OrderLine[] };

/** An order's address may change until it ships (a cancelled or refunded one is final). */
export const ADDRESS_CHANGEABLE: readonly OrderStatus[] = ['pending', 'paid'];

export const totalOf = (lines: OrderLine[]): number =>
  lines.reduce((sum, line) => sum + line.quantity * line.unitPriceCents, 0);

/** Pending orders created before this instant have outlived the reservation window. */
export const expiryCutoff = (now: Date, windowSeconds: number): Date =>
  new Date(now.getTime() - windowSeconds * 1000);
