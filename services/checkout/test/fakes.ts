import type {
  ChargeBody,
  CreateOrderBody,
  Order,
  OrderStatus,
  Payment,
  ReservedLine,
  StockLine,
} from '@gomall/contracts';
import { AppError } from '@gomall/kit';
import type { Card } from '../src/domain/checkout-request';
import type { SagaData } from '../src/domain/saga-data';
import type { StepServices } from '../src/saga/step';

/** Unit-test stand-ins for the callee clients: they record calls and answer what a test sets. */
export interface FakeServices extends StepServices {
  calls: string[];
  /** The Idempotency-Key each mutating call carried, by call name. */
  keys: Record<string, string[]>;
  fail: Record<string, AppError | Error | undefined>;
  payment: Payment | undefined;
  /** What the order service's cancel answers: the order's status as it ends up. */
  cancelledStatus: OrderStatus;
  /** A call that does not answer until the test says so (a step still in flight). */
  hold: Record<string, Promise<void> | undefined>;
}

export const ITEMS: ReservedLine[] = [
  { productId: 'p1', name: 'Mug', quantity: 2, unitPriceCents: 1250 },
  { productId: 'p2', name: 'Tee', quantity: 1, unitPriceCents: 2000 },
];

export const CARD: Card = { number: '4242424242424242', expMonth: 12, expYear: 2099, cvv: '123' };

export const baseData = (extra: Partial<SagaData> = {}): SagaData => ({
  orderId: 'o1',
  userId: 'u1',
  address: {
    name: 'Ann',
    street: '1 Main St',
    city: 'Springfield',
    zipCode: '12345',
    country: 'US',
  },
  ...extra,
});

export const order = (status: OrderStatus): Order => ({
  id: 'o1',
  status,
  items: ITEMS,
  totalCents: 4500,
  currency: 'USD',
  address: baseData().address,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
});

export const succeededPayment: Payment = {
  id: 'pay1',
  orderId: 'o1',
  status: 'succeeded',
  amountCents: 4500,
  currency: 'USD',
  last4: '4242',
  brand: 'visa',
};

export function fakeServices(): FakeServices {
  const act = async <T>(name: string, answer: () => T, key?: string): Promise<T> => {
    fake.calls.push(name);
    if (key !== undefined) (fake.keys[name] ??= []).push(key);
    await fake.hold[name];
    const failure = fake.fail[name];
    if (failure) throw failure;
    return answer();
  };
  const fake: FakeServices = {
    calls: [],
    keys: {},
    fail: {},
    payment: undefined,
    cancelledStatus: 'cancelled',
    hold: {},
    carts: {
      lines: () =>
        act('carts.lines', () => ({
          items: ITEMS.map(({ productId, quantity }) => ({ productId, quantity })),
        })),
      clear: () => act('carts.clear', () => undefined),
    },
    products: {
      reserve: (orderId: string, _lines: StockLine[], key: string) =>
        act(
          'products.reserve',
          () => ({ orderId, status: 'reserved' as const, items: ITEMS }),
          key,
        ),
      commit: (orderId: string, key: string) =>
        act('products.commit', () => ({ orderId, status: 'committed' as const }), key),
    },
    orders: {
      create: (_order: CreateOrderBody, key: string) =>
        act('orders.create', () => order('pending'), key),
      markPaid: (_id: string, _paymentId: string, key: string) =>
        act('orders.markPaid', () => order('paid'), key),
      markCancelled: (_id: string, _reason: string, key: string) =>
        act('orders.markCancelled', () => order(fake.cancelledStatus), key),
    },
    payments: {
      charge: (request: ChargeBody, key: string) =>
        act(
          'payments.charge',
          () => ({ ...succeededPayment, amountCents: request.amountCents }),
          key,
        ),
      byOrder: () =>
        act('payments.byOrder', () => {
          if (!fake.payment) throw new AppError(404, 'NOT_FOUND', 'no payment');
          return fake.payment;
        }),
    },
  };
  return fake;
}
