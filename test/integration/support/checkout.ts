import { randomUUID } from 'node:crypto';
import { registerCustomer, type TestCustomer } from './auth';
import { api, type ApiResponse } from './http';

/** Shapes and helpers of the checkout tests (checkout*.test.ts). */
export interface CheckoutResult {
  order: {
    id: string;
    status: string;
    items: Array<{ productId: string; name: string; quantity: number; unitPriceCents: number }>;
    totalCents: number;
    currency: string;
    address: Record<string, string>;
  };
  payment: { id: string; status: string; amountCents: number; last4: string };
}

export const CHECKOUT_ADDRESS = {
  name: 'Grace Hopper',
  street: '1 Compiler Lane',
  city: 'Arlington',
  zipCode: '22201',
  country: 'US',
  state: 'VA',
};
export const GOOD_CARD = { number: '4242424242424242', expMonth: 12, expYear: 2099, cvv: '123' };
export const DECLINED_CARD = { ...GOOD_CARD, number: '4000000000000002' };

export const checkoutBody = (card = GOOD_CARD, address = CHECKOUT_ADDRESS) => ({ address, card });

export async function addToCart(token: string, productId: string, quantity: number) {
  const res = await api('/cart/items', { token, body: { productId, quantity } });
  if (res.status !== 200) throw new Error(`not added to cart: ${res.status} ${res.text}`);
}

/** One POST /checkout as a client sends it. */
export const postCheckout = <T = CheckoutResult>(token: string, key: string, body: unknown) =>
  api<T>('/checkout', { token, body, headers: { 'idempotency-key': key } });

/**
 * POST /checkout as a well-behaved client: on 503 (a service restarting) or 409 CONFLICT (the
 * same key still in progress) it retries with the same Idempotency-Key, which is always safe.
 * This keeps these tests correct while checkout-recovery.test.ts restarts the checkout service.
 */
export async function checkoutWithRetry<T = CheckoutResult>(
  token: string,
  body: unknown,
  key: string = randomUUID(),
  timeoutMs = 45_000,
): Promise<ApiResponse<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const res = await postCheckout<T>(token, key, body);
    const code = (res.body as { error?: { code?: string } } | undefined)?.error?.code;
    const retry = res.status === 503 || (res.status === 409 && code === 'CONFLICT');
    if (!retry || Date.now() > deadline) return res;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/**
 * Many fresh customers, registered a few at a time: password hashing is deliberately slow, and
 * 50 at once on a 2-core machine run past the 5 s invocation timeout.
 */
export async function registerCustomers(count: number, batch = 8): Promise<TestCustomer[]> {
  const customers: TestCustomer[] = [];
  while (customers.length < count) {
    const size = Math.min(batch, count - customers.length);
    customers.push(...(await Promise.all(Array.from({ length: size }, () => registerCustomer()))));
  }
  return customers;
}
