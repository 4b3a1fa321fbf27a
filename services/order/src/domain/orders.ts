import type {
  Address,
  AddressChange,
  AdminOrderSearchQuery,
  CreateOrderBody,
  Order,
  OrderLine,
  OrderListQuery,
  OrderStatus,
  Page,
} from '@gomall/contracts';
import { AppError, conflict, notFound, validationFailed, type Logger } from '@gomall/kit';
import type { PaymentClient } from '../clients/payment-client';
import type { ProductClient } from '../clients/product-client';
import type { OrderRepository, StoredOrder } from '../data/order-repository';
import { orderEventFor } from '../events/order-events';
import type { OrderMetrics } from '../metrics/order-metrics';

// The rules of an order: pure functions and constants, used by Orders below and by the repository.

/** The order as a transition left it (without reading it back). */
const moved = (order: Order, status: OrderStatus, updatedAt: Date): Order => ({
  ...order,
  status,
  updatedAt: updatedAt.toISOString(),
});

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
const MAX_TOTAL_CENTS = 1_000_000_000;

/**
 * An order to store: the caller's address and lines priced from the reservation (the body's own
 * prices are ignored, see Orders.create).
 */
export type PricedOrder = Omit<CreateOrderBody, 'items'> & { items: OrderLine[] };

/** An order's address may change until it ships (a cancelled or refunded one is final). */
const ADDRESS_CHANGEABLE: readonly OrderStatus[] = ['pending', 'paid'];

export const totalOf = (lines: OrderLine[]): number =>
  lines.reduce((sum, line) => sum + line.quantity * line.unitPriceCents, 0);

/** Pending orders created before this instant have outlived the reservation window. */
export const expiryCutoff = (now: Date, windowSeconds: number): Date =>
  new Date(now.getTime() - windowSeconds * 1000);

export interface SweepResult {
  expired: number;
  cancelled: number;
}

/** What the order rules need of the store, and of the product and payment services. */
export type OrderStore = Pick<
  OrderRepository,
  | 'create'
  | 'get'
  | 'createCancelledPlaceholder'
  | 'listForUser'
  | 'search'
  | 'changeAddress'
  | 'addressHistory'
  | 'transition'
  | 'expiredPending'
>;
export type ProductCalls = Pick<ProductClient, 'release' | 'reservation'>;
export type PaymentCalls = Pick<PaymentClient, 'byOrder' | 'refund'>;

/**
 * The order's life: created pending by the checkout saga, then paid, shipped, cancelled or
 * refunded. Status changes are conditional updates (see OrderRepository.transition), so the saga,
 * the shopper and the sweep can race without breaking the status machine.
 */
export class Orders {
  constructor(
    private readonly repository: OrderStore,
    private readonly products: ProductCalls,
    private readonly payments: PaymentCalls,
    private readonly metrics: OrderMetrics,
    private readonly logger: Logger,
    private readonly reservationWindowSeconds: number,
    private readonly sweepBatchSize: number,
  ) {}

  /**
   * Idempotent per order id: the same id again answers the order it created. Lines, names and
   * prices come from the order's stock reservation (the catalog's prices when it was made), never
   * from the caller: a caller's unitPriceCents is ignored, and lines that differ from the
   * reservation are a conflict.
   */
  async create(userId: string, input: CreateOrderBody): Promise<Order> {
    const existing = await this.repository.get(input.id);
    if (existing) {
      if (existing.userId !== userId) throw conflict('This order id is taken');
      return existing.order;
    }
    const reservation = await this.products.reservation(input.id).catch((error: unknown) => {
      if (error instanceof AppError && error.status === 404) {
        throw conflict('No stock is reserved for this order');
      }
      throw error;
    });
    if (reservation.status === 'released') {
      throw conflict('The stock reservation of this order was released');
    }
    if (!sameLines(input.items, reservation.items)) {
      throw conflict('The order lines differ from the stock reserved for this order');
    }
    if (totalOf(reservation.items) > MAX_TOTAL_CENTS) {
      throw validationFailed('The order total is too large');
    }
    const { stored, created } = await this.repository.create(
      userId,
      { ...input, items: reservation.items },
      orderEventFor('pending', { id: input.id, totalCents: totalOf(reservation.items) }, userId)!,
    );
    if (stored.userId !== userId) throw conflict('This order id is taken');
    if (created) this.metrics.transitions.inc({ to: 'pending' });
    return stored.order;
  }

  list(userId: string, query: OrderListQuery): Promise<Page<Order>> {
    return this.repository.listForUser(userId, query);
  }

  /** Admins' search over every order, by status and creation time. */
  search(query: AdminOrderSearchQuery): Promise<Page<Order>> {
    return this.repository.search(query);
  }

  /**
   * A new shipping address, until the order ships: the owner changes their own order (another
   * user's is not found), an admin any order. Each change is kept in the order's history.
   */
  async changeAddress(
    id: string,
    address: Address,
    by: { userId: string; admin: boolean },
  ): Promise<{ order: Order; history: AddressChange[] }> {
    const stored = await this.get(id, by.admin ? undefined : by.userId);
    if (stored.placeholder) throw notFound('Order not found');
    if (!(await this.repository.changeAddress(id, ADDRESS_CHANGEABLE, address, by))) {
      throw conflict(
        `The order is ${(await this.get(id)).order.status}: its address can no longer change`,
      );
    }
    return this.withHistory(id);
  }

  /** The order and its address history, for its owner or an admin. */
  async withHistory(
    id: string,
    userId?: string,
  ): Promise<{ order: Order; history: AddressChange[] }> {
    const stored = await this.get(id, userId);
    if (stored.placeholder) throw notFound('Order not found');
    return { order: stored.order, history: await this.repository.addressHistory(id) };
  }

  /** The order, if `userId` (when given) owns it; another user's order is simply not found. */
  async get(id: string, userId?: string): Promise<StoredOrder> {
    const stored = await this.repository.get(id);
    if (!stored || (userId !== undefined && stored.userId !== userId)) {
      throw notFound('Order not found');
    }
    return stored;
  }

  /** The shopper's view: a placeholder (a checkout rolled back before its order) is not an order. */
  async visible(id: string, userId: string): Promise<Order> {
    const stored = await this.get(id, userId);
    if (stored.placeholder) throw notFound('Order not found');
    return stored.order;
  }

  /**
   * pending → paid, only with proof: the payment service must hold a succeeded payment with this
   * id for this order's exact amount (409 otherwise). Idempotent (the saga may retry).
   */
  async markPaid(id: string, paymentId: string, userId?: string): Promise<Order> {
    const stored = await this.get(id, userId);
    if (stored.order.status === 'pending') await this.assertPaid(stored.order, paymentId);
    return this.move(stored, 'paid', { paymentId }, true);
  }

  private async assertPaid(order: Order, paymentId: string): Promise<void> {
    const payment = await this.payments.byOrder(order.id).catch((error: unknown) => {
      if (error instanceof AppError && error.status === 404) return undefined;
      throw error;
    });
    if (
      !payment ||
      payment.id !== paymentId ||
      payment.status !== 'succeeded' ||
      payment.amountCents !== order.totalCents
    ) {
      throw conflict('No succeeded payment of this order’s amount confirms it', { paymentId });
    }
  }

  /**
   * The checkout saga's one compensation, and the only owner of its undo: a pending order becomes
   * cancelled and `order.cancelled` is announced, on which the product service releases the stock
   * and the payment service refunds or voids the payment. No order yet (the checkout stopped
   * before creating it, or its create is still on the way): a cancelled placeholder takes the id,
   * so a late create is refused, and the event still goes out, so a late reserve or charge is too.
   * An order that is final already (paid, shipped, cancelled, refunded) is answered as it is: the
   * caller decides what that means. Idempotent.
   */
  async markCancelled(id: string, reason: string, userId?: string): Promise<Order> {
    for (let attempt = 0; attempt < 3; attempt++) {
      const stored = await this.repository.get(id);
      if (!stored) {
        if (userId === undefined) throw notFound('Order not found');
        const event = orderEventFor('cancelled', { id, totalCents: 0 }, userId)!;
        if (await this.repository.createCancelledPlaceholder(id, userId, reason, event)) {
          this.metrics.transitions.inc({ to: 'cancelled' });
          await this.releaseStock(id);
          return (await this.get(id)).order;
        }
        continue; // the order was created meanwhile: decide on it
      }
      if (userId !== undefined && stored.userId !== userId) throw notFound('Order not found');
      if (stored.order.status !== 'pending') return stored.order;
      const cancelled = await this.cancelPending(stored.order, stored.userId, reason);
      if (cancelled) return cancelled;
    }
    throw conflict('The order changed while it was being cancelled; try again');
  }

  /**
   * pending → cancelled with `order.cancelled`, then the stock released. The status first: once
   * cancelled, a mark-paid racing with us is refused; the stock follows (released now, and on
   * order.cancelled in any case). Undefined when the order was no longer pending.
   */
  private async cancelPending(
    order: Order,
    userId: string,
    reason: string,
  ): Promise<Order | undefined> {
    const event = orderEventFor('cancelled', order, userId);
    const updatedAt = await this.repository.transition(
      order.id,
      ['pending'],
      'cancelled',
      { cancelReason: reason },
      event,
    );
    if (!updatedAt) return undefined;
    this.metrics.transitions.inc({ to: 'cancelled' });
    await this.releaseStock(order.id);
    return moved(order, 'cancelled', updatedAt);
  }

  /**
   * Asks the product service to release a cancelled order's stock now, so it is back on sale at
   * once. Only a nudge: `order.cancelled` (written with the status change) makes the product
   * service release it in any case, and releasing is idempotent, so a failure here is only logged.
   */
  private async releaseStock(id: string): Promise<void> {
    try {
      await this.products.release(id);
    } catch (error) {
      this.logger.warn({ err: error, orderId: id }, 'stock release deferred to order.cancelled');
    }
  }

  /** paid → shipped (admin). Shipping twice is a conflict, as the contract says. */
  async ship(id: string): Promise<Order> {
    return this.move(await this.get(id), 'shipped', {}, false);
  }

  /**
   * The shopper's cancel: a pending order is cancelled and its stock released; a paid one is
   * refunded and its stock returned. Each remote step is idempotent and runs before the status
   * changes, so a cancel that failed half-way is finished by trying again. If the status changed
   * meanwhile (the saga paid it), the decision is made again on the new status.
   */
  async cancel(id: string, userId: string): Promise<Order> {
    let stored = await this.get(id, userId);
    for (let attempt = 0; attempt < 3; attempt++) {
      const { order } = stored;
      if (order.status === 'pending') {
        const cancelled = await this.cancelPending(order, userId, 'cancelled by customer');
        if (cancelled) return cancelled;
      } else if (order.status === 'paid') {
        await this.payments.refund(id);
        await this.products.release(id);
        const event = orderEventFor('refunded', order, userId);
        const updatedAt = await this.repository.transition(id, ['paid'], 'refunded', {}, event);
        if (updatedAt) {
          this.metrics.transitions.inc({ to: 'refunded' });
          return moved(order, 'refunded', updatedAt);
        }
      } else {
        throw conflict(`An order that is ${order.status} cannot be cancelled`);
      }
      stored = await this.get(id, userId);
    }
    throw conflict('The order changed while it was being cancelled; try again');
  }

  /**
   * Cancels pending orders older than the reservation window, then releases their stock: the
   * status changes first, so a saga that pays the order meanwhile is refused (and refunded on
   * order.cancelled) rather than finding its stock gone under a paid order. Safe to run on every
   * replica at once: the transition is conditional and the release idempotent.
   */
  async sweep(now = new Date()): Promise<SweepResult> {
    const cutoff = expiryCutoff(now, this.reservationWindowSeconds);
    const ids = await this.repository.expiredPending(cutoff, this.sweepBatchSize);
    let cancelled = 0;
    for (const id of ids) {
      try {
        const { order, userId } = await this.get(id);
        const moved = await this.repository.transition(
          id,
          ['pending'],
          'cancelled',
          { cancelReason: 'reservation window expired' },
          orderEventFor('cancelled', order, userId),
        );
        if (moved) {
          cancelled++;
          this.metrics.expired.inc();
          this.metrics.transitions.inc({ to: 'cancelled' });
          await this.releaseStock(id);
        }
      } catch (error) {
        // One order failing (product unreachable) must not stop the others; the next run retries.
        this.logger.warn({ err: error, orderId: id }, 'sweep could not cancel an expired order');
      }
    }
    if (ids.length > 0) this.logger.info({ expired: ids.length, cancelled }, 'reservation sweep');
    return { expired: ids.length, cancelled };
  }

  private async move(
    stored: StoredOrder,
    to: OrderStatus,
    extra: { paymentId?: string; cancelReason?: string },
    idempotent: boolean,
  ): Promise<Order> {
    const { order, userId } = stored;
    if (idempotent && order.status === to) return order;
    if (!canTransition(order.status, to)) {
      throw conflict(`An order that is ${order.status} cannot become ${to}`, {
        status: order.status,
      });
    }
    const event = orderEventFor(to, order, userId);
    const updatedAt = await this.repository.transition(order.id, [order.status], to, extra, event);
    if (updatedAt) {
      if (to === 'paid' || to === 'refunded') {
        this.metrics.revenueCents.inc({ kind: to }, order.totalCents);
      }
      this.metrics.transitions.inc({ to });
      return moved(order, to, updatedAt);
    }
    // Someone else moved it first: fine if they moved it where we wanted, a conflict otherwise.
    const now = await this.get(order.id);
    if (idempotent && now.order.status === to) return now.order;
    throw conflict(`An order that is ${now.order.status} cannot become ${to}`, {
      status: now.order.status,
    });
  }
}

/** Whether the caller's lines are the reserved ones (same products, same summed quantities). */
function sameLines(
  given: ReadonlyArray<{ productId: string; quantity: number }>,
  reserved: ReadonlyArray<{ productId: string; quantity: number }>,
): boolean {
  const sum = (lines: ReadonlyArray<{ productId: string; quantity: number }>) => {
    const totals = new Map<string, number>();
    for (const line of lines) {
      totals.set(line.productId, (totals.get(line.productId) ?? 0) + line.quantity);
    }
    return totals;
  };
  const a = sum(given);
  const b = sum(reserved);
  return (
    a.size === b.size && [...a].every(([productId, quantity]) => b.get(productId) === quantity)
  );
}
