import { ServiceMetrics, createLogger } from '@gomall/kit';
import type { StoredOrder } from '../src/data/order-repository';
import type { Order, OrderStatus } from '@gomall/contracts';
import {
  Orders,
  type OrderStore,
  type PaymentCalls,
  type ProductCalls,
} from '../src/domain/orders';
import type { OrderEvent } from '../src/events/order-events';
import { OrderMetrics } from '../src/metrics/order-metrics';

/**
 * The decisions of the Orders use cases, against in-memory stand-ins for the table and the two
 * callees (the real ones are exercised by test/integration/orders*.test.ts). Each stand-in records
 * what was asked of it, in order.
 */
/** The card facts of a payment record (these tests never look at them). */
const CARD = { currency: 'USD', last4: '4242', brand: 'visa' as const };

/** A store call these tests never make. */
const unused = (what: string) => Promise.reject(new Error(`${what} is not used by these tests`));

class MemoryOrders implements OrderStore {
  readonly rows = new Map<string, StoredOrder>();
  readonly events: OrderEvent[] = [];
  /** Runs before a transition, to let a test change the row under the caller (a race). */
  beforeTransition?: (id: string) => void;

  add(id: string, status: OrderStatus, userId = 'alice', createdAt = new Date()): void {
    const order: Order = {
      id,
      status,
      items: [{ productId: 'p', name: 'P', quantity: 1, unitPriceCents: 500 }],
      totalCents: 500,
      currency: 'USD',
      address: { name: 'A', street: 'S', city: 'C', zipCode: 'Z', country: 'GB' },
      createdAt: createdAt.toISOString(),
      updatedAt: createdAt.toISOString(),
    };
    this.rows.set(id, { order, userId, placeholder: false });
  }

  status(id: string): OrderStatus {
    return this.rows.get(id)!.order.status;
  }

  get(id: string): Promise<StoredOrder | undefined> {
    const row = this.rows.get(id);
    return Promise.resolve(row && { ...row, order: { ...row.order } });
  }

  transition(
    id: string,
    from: OrderStatus[],
    to: OrderStatus,
    _extra: unknown,
    event?: OrderEvent,
  ): Promise<Date | undefined> {
    this.beforeTransition?.(id);
    this.beforeTransition = undefined;
    const row = this.rows.get(id);
    if (!row || !from.includes(row.order.status)) return Promise.resolve(undefined);
    const updatedAt = new Date();
    row.order.status = to;
    row.order.updatedAt = updatedAt.toISOString();
    if (event) this.events.push(event);
    return Promise.resolve(updatedAt);
  }

  createCancelledPlaceholder(
    id: string,
    userId: string,
    _reason: string,
    event: OrderEvent,
  ): Promise<boolean> {
    if (this.rows.has(id)) return Promise.resolve(false);
    this.add(id, 'cancelled', userId);
    const row = this.rows.get(id)!;
    row.placeholder = true;
    row.order.items = [];
    row.order.totalCents = 0;
    this.events.push(event);
    return Promise.resolve(true);
  }

  create = () => unused('create');
  listForUser = () => unused('listForUser');
  search = () => unused('search');
  changeAddress = () => unused('changeAddress');
  addressHistory = () => unused('addressHistory');

  expiredPending(cutoff: Date): Promise<string[]> {
    return Promise.resolve(
      [...this.rows.values()]
        .filter((r) => r.order.status === 'pending' && new Date(r.order.createdAt) < cutoff)
        .map((r) => r.order.id),
    );
  }
}

function setUp() {
  const repository = new MemoryOrders();
  const calls: string[] = [];
  const failRelease = new Set<string>();
  const products: ProductCalls = {
    reservation: () => unused('reservation'),
    release: (orderId: string) => {
      calls.push(`release ${orderId}`);
      if (failRelease.has(orderId)) return Promise.reject(new Error('product unavailable'));
      return Promise.resolve({ orderId, status: 'released' as const });
    },
  };
  const payments: PaymentCalls = {
    // The payment service's record: order o<n> was paid by pay-<n>, for its total.
    byOrder: async (orderId: string) => ({
      id: `pay-${orderId.slice(1)}`,
      orderId,
      status: 'succeeded' as const,
      amountCents: (await repository.get(orderId))!.order.totalCents,
      ...CARD,
    }),
    refund: (orderId: string) => {
      calls.push(`refund ${orderId}`);
      return Promise.resolve({
        id: 'pay',
        orderId,
        status: 'refunded' as const,
        amountCents: 500,
        ...CARD,
      });
    },
  };
  const orders = new Orders(
    repository,
    products,
    payments,
    new OrderMetrics(new ServiceMetrics('order-test')),
    createLogger('order-test', 'silent'),
    900,
    100,
  );
  return { orders, repository, calls, failRelease };
}

describe('Orders.cancel', () => {
  it('cancels a pending order (announced), then releases its stock', async () => {
    const { orders, repository, calls } = setUp();
    repository.add('o1', 'pending');
    expect((await orders.cancel('o1', 'alice')).status).toBe('cancelled');
    expect(calls).toEqual(['release o1']);
    expect(repository.events).toEqual([
      { topic: 'order.cancelled', data: { orderId: 'o1', userId: 'alice', totalCents: 500 } },
    ]);
  });

  it('refunds, then returns the stock of a paid order', async () => {
    const { orders, repository, calls } = setUp();
    repository.add('o1', 'paid');
    expect((await orders.cancel('o1', 'alice')).status).toBe('refunded');
    expect(calls).toEqual(['refund o1', 'release o1']);
    expect(repository.events.map((e) => e.topic)).toEqual(['order.refunded']);
  });

  it('decides again when the saga pays the order while it is being cancelled', async () => {
    const { orders, repository, calls } = setUp();
    repository.add('o1', 'pending');
    repository.beforeTransition = (id) => {
      repository.rows.get(id)!.order.status = 'paid';
    };
    expect((await orders.cancel('o1', 'alice')).status).toBe('refunded');
    expect(calls).toEqual(['refund o1', 'release o1']);
  });

  it.each(['shipped', 'cancelled', 'refunded'] as const)(
    'refuses a %s order with 409 and touches nothing',
    async (status) => {
      const { orders, repository, calls } = setUp();
      repository.add('o1', status);
      await expect(orders.cancel('o1', 'alice')).rejects.toMatchObject({ status: 409 });
      expect(calls).toEqual([]);
      expect(repository.status('o1')).toBe(status);
    },
  );

  it('answers 404 for another user’s order', async () => {
    const { orders, repository, calls } = setUp();
    repository.add('o1', 'pending', 'bob');
    await expect(orders.cancel('o1', 'alice')).rejects.toMatchObject({ status: 404 });
    expect(calls).toEqual([]);
  });
});

describe('Orders status calls', () => {
  it('marks paid idempotently and refuses it for a cancelled order', async () => {
    const { orders, repository } = setUp();
    repository.add('o1', 'pending');
    // Proof first: another payment id is not this order's payment.
    await expect(orders.markPaid('o1', 'pay-9', 'alice')).rejects.toMatchObject({ status: 409 });
    expect((await orders.markPaid('o1', 'pay-1', 'alice')).status).toBe('paid');
    expect((await orders.markPaid('o1', 'pay-1', 'alice')).status).toBe('paid');
    expect(repository.events.map((e) => e.topic)).toEqual(['order.paid']);
    repository.add('o2', 'cancelled');
    await expect(orders.markPaid('o2', 'pay-2')).rejects.toMatchObject({ status: 409 });
  });

  it('ships only paid orders, and only once', async () => {
    const { orders, repository } = setUp();
    repository.add('o1', 'paid');
    expect((await orders.ship('o1')).status).toBe('shipped');
    await expect(orders.ship('o1')).rejects.toMatchObject({ status: 409 });
    repository.add('o2', 'pending');
    await expect(orders.ship('o2')).rejects.toMatchObject({ status: 409 });
    // The one shipment is announced (the customer's "on its way" mail).
    expect(repository.events).toEqual([
      { topic: 'order.shipped', data: { orderId: 'o1', userId: 'alice', totalCents: 500 } },
    ]);
  });
});

describe("Orders.markCancelled (the checkout saga's one compensation)", () => {
  it('cancels a pending order, announces it, then nudges the stock release', async () => {
    const { orders, repository, calls } = setUp();
    repository.add('o1', 'pending');
    expect((await orders.markCancelled('o1', 'declined', 'alice')).status).toBe('cancelled');
    expect(repository.events.map((e) => e.topic)).toEqual(['order.cancelled']);
    expect(calls).toEqual(['release o1']);
  });

  it('records a cancelled placeholder when no order exists yet, so a late create meets it', async () => {
    const { orders, repository } = setUp();
    const answer = await orders.markCancelled('o9', 'interrupted', 'alice');
    expect(answer).toMatchObject({ id: 'o9', status: 'cancelled', totalCents: 0 });
    expect(repository.events).toEqual([
      { topic: 'order.cancelled', data: { orderId: 'o9', userId: 'alice', totalCents: 0 } },
    ]);
    // A late create-order of that checkout gets the cancelled order, not a new pending one.
    expect((await repository.get('o9'))!.placeholder).toBe(true);
    await expect(orders.visible('o9', 'alice')).rejects.toMatchObject({ status: 404 });
  });

  it.each(['paid', 'shipped', 'cancelled', 'refunded'] as const)(
    'answers a %s (final) order as it is: the compensation counts as done, nothing moves',
    async (status) => {
      const { orders, repository, calls } = setUp();
      repository.add('o1', status);
      expect((await orders.markCancelled('o1', 'late', 'alice')).status).toBe(status);
      expect(repository.events).toEqual([]);
      expect(calls).toEqual([]);
    },
  );

  it('a release that fails is left to order.cancelled: the cancel still stands', async () => {
    const { orders, repository, failRelease } = setUp();
    repository.add('o1', 'pending');
    failRelease.add('o1');
    expect((await orders.markCancelled('o1', 'declined', 'alice')).status).toBe('cancelled');
  });
});

describe('Orders.sweep', () => {
  it('changes the status before it releases the stock', async () => {
    const { orders, repository, calls } = setUp();
    repository.add('old', 'pending', 'alice', new Date('2026-01-01T11:00:00Z'));
    const seen: string[] = [];
    repository.beforeTransition = () => seen.push(`transition (releases so far: ${calls.length})`);
    await orders.sweep(new Date('2026-01-01T12:00:00Z'));
    expect(seen).toEqual(['transition (releases so far: 0)']);
    expect(calls).toEqual(['release old']);
  });

  it('cancels only expired pending orders; a release failure is left to order.cancelled', async () => {
    const { orders, repository, failRelease } = setUp();
    const now = new Date('2026-01-01T12:00:00Z');
    const old = new Date('2026-01-01T11:00:00Z');
    repository.add('expired-1', 'pending', 'alice', old);
    repository.add('expired-2', 'pending', 'bob', old);
    repository.add('expired-paid', 'paid', 'alice', old);
    repository.add('fresh', 'pending', 'alice', new Date('2026-01-01T11:50:00Z'));
    failRelease.add('expired-1');
    expect(await orders.sweep(now)).toEqual({ expired: 2, cancelled: 2 });
    expect(repository.status('expired-1')).toBe('cancelled');
    expect(repository.status('expired-2')).toBe('cancelled');
    expect(repository.status('expired-paid')).toBe('paid');
    expect(repository.status('fresh')).toBe('pending');
    expect(repository.events).toEqual([
      {
        topic: 'order.cancelled',
        data: { orderId: 'expired-1', userId: 'alice', totalCents: 500 },
      },
      { topic: 'order.cancelled', data: { orderId: 'expired-2', userId: 'bob', totalCents: 500 } },
    ]);
  });
});
