import { conflict, notFound, type Logger } from '@gomall/kit';
import type { PaymentClient } from '../clients/payment-client';
import type { ProductClient } from '../clients/product-client';
import type { OrderRepository, StoredOrder } from '../data/order-repository';
import { orderEventFor } from '../events/order-events';
import type { OrderMetrics } from '../metrics/order-metrics';
import {
  canTransition,
  expiryCutoff,
  type CreateOrder,
  type ListQuery,
  type Order,
  type OrderStatus,
  type Page,
} from './order';

export interface SweepResult {
  expired: number;
  cancelled: number;
}

/**
 * The order's life: created pending by the checkout saga, then paid, shipped, cancelled or
 * refunded. Status changes are conditional updates (see OrderRepository.transition), so the saga,
 * the shopper and the sweep can race without breaking the status machine.
 */
export class Orders {
  constructor(
    private readonly repository: OrderRepository,
    private readonly products: ProductClient,
    private readonly payments: PaymentClient,
    private readonly metrics: OrderMetrics,
    private readonly logger: Logger,
    private readonly reservationWindowSeconds: number,
    private readonly sweepBatchSize: number,
  ) {}

  /** Idempotent per order id: the same id again answers the order it created. */
  async create(userId: string, input: CreateOrder): Promise<Order> {
    const { stored, created } = await this.repository.create(userId, input);
    if (stored.userId !== userId) throw conflict('This order id is taken');
    if (created) this.metrics.transitions.inc({ to: 'pending' });
    return stored.order;
  }

  list(userId: string, query: ListQuery): Promise<Page<Order>> {
    return this.repository.listForUser(userId, query);
  }

  /** The order, if `userId` (when given) owns it; another user's order is simply not found. */
  async get(id: string, userId?: string): Promise<StoredOrder> {
    const stored = await this.repository.get(id);
    if (!stored || (userId !== undefined && stored.userId !== userId)) {
      throw notFound('Order not found');
    }
    return stored;
  }

  /** pending → paid; idempotent (the saga may retry). */
  async markPaid(id: string, paymentId: string, userId?: string): Promise<Order> {
    return this.move(await this.get(id, userId), 'paid', { paymentId }, true);
  }

  /** pending → cancelled as saga compensation; the saga releases the stock itself. */
  async markCancelled(id: string, reason: string, userId?: string): Promise<Order> {
    return this.move(await this.get(id, userId), 'cancelled', { cancelReason: reason }, true);
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
        await this.products.release(id);
        const event = orderEventFor('cancelled', order, userId);
        const reason = { cancelReason: 'cancelled by customer' };
        if (await this.repository.transition(id, ['pending'], 'cancelled', reason, event)) {
          return this.afterMove(id, 'cancelled');
        }
      } else if (order.status === 'paid') {
        await this.payments.refund(id);
        await this.products.release(id);
        const event = orderEventFor('refunded', order, userId);
        if (await this.repository.transition(id, ['paid'], 'refunded', {}, event)) {
          return this.afterMove(id, 'refunded');
        }
      } else {
        throw conflict(`An order that is ${order.status} cannot be cancelled`);
      }
      stored = await this.get(id, userId);
    }
    throw conflict('The order changed while it was being cancelled; try again');
  }

  /**
   * Cancels pending orders older than the reservation window and releases their stock. Safe to
   * run on every replica at once: the release is idempotent and the transition conditional.
   */
  async sweep(now = new Date()): Promise<SweepResult> {
    const cutoff = expiryCutoff(now, this.reservationWindowSeconds);
    const ids = await this.repository.expiredPending(cutoff, this.sweepBatchSize);
    let cancelled = 0;
    for (const id of ids) {
      try {
        const { order, userId } = await this.get(id);
        await this.products.release(id);
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
    if (await this.repository.transition(order.id, [order.status], to, extra, event)) {
      if (to === 'paid' || to === 'refunded') {
        this.metrics.revenueCents.inc({ kind: to }, order.totalCents);
      }
      return this.afterMove(order.id, to);
    }
    // Someone else moved it first: fine if they moved it where we wanted, a conflict otherwise.
    const now = await this.get(order.id);
    if (idempotent && now.order.status === to) return now.order;
    throw conflict(`An order that is ${now.order.status} cannot become ${to}`, {
      status: now.order.status,
    });
  }

  private async afterMove(id: string, to: OrderStatus): Promise<Order> {
    this.metrics.transitions.inc({ to });
    return (await this.get(id)).order;
  }
}
