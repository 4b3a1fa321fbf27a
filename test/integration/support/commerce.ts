import { randomUUID } from 'node:crypto';
import { withSchema } from './db';
import { invoke, type Identity } from './invoke';

/**
 * Arranging commerce state the way the checkout saga does, through Dapr: a product with stock,
 * a reservation, a pending order, a payment. Used by the order, payment and sweep tests.
 */
export const ADMIN: Identity = { userId: 'admin-it', roles: ['admin'] };
export const customer = (): Identity => ({ userId: `user-${randomUUID()}`, roles: ['customer'] });
export const ADDRESS = {
  name: 'Ada Lovelace',
  street: '12 Analytical Way',
  city: 'London',
  zipCode: 'N1 9GU',
  country: 'GB',
};
export const GOOD_CARD = { number: '4242424242424242', expMonth: 12, expYear: 2099, cvv: '123' };

export interface OrderBody {
  id: string;
  status: string;
  items: Array<{ productId: string; name: string; quantity: number; unitPriceCents: number }>;
  totalCents: number;
  currency: string;
  address: Record<string, string>;
  createdAt: string;
  updatedAt: string;
}

export async function createProduct(
  stock: number,
  priceCents = 1250,
): Promise<{ id: string; name: string }> {
  const res = await invoke<{ id: string; name: string }>('product', '/admin/products', {
    as: ADMIN,
    body: { name: `Commerce test ${randomUUID()}`, priceCents, stock },
  });
  if (res.status !== 201) throw new Error(`product not created: ${res.text}`);
  return res.body;
}

export async function stockOf(productId: string): Promise<{ onHand: number; reserved: number }> {
  return withSchema('product', async (db) => {
    const [rows] = await db.query(
      'SELECT stock_on_hand AS onHand, stock_reserved AS reserved FROM products WHERE id = ?',
      [productId],
    );
    return (rows as Array<{ onHand: number; reserved: number }>)[0]!;
  });
}

/** Reserve → create the pending order, as the saga's first steps do. */
export async function pendingOrder(
  as: Identity,
  productId: string,
  quantity = 1,
): Promise<OrderBody> {
  const orderId = randomUUID();
  const reserved = await invoke<{ items: OrderBody['items'] }>('product', '/reservations', {
    body: { orderId, items: [{ productId, quantity }] },
  });
  if (reserved.status !== 200) throw new Error(`not reserved: ${reserved.text}`);
  const created = await invoke<OrderBody>('order', '/orders', {
    as,
    body: { id: orderId, items: reserved.body.items, address: ADDRESS },
  });
  if (created.status !== 201) throw new Error(`order not created: ${created.text}`);
  return created.body;
}

/** …then charge → commit → mark paid, as the saga's last steps do. */
export async function paidOrder(as: Identity, productId: string, quantity = 1): Promise<OrderBody> {
  const order = await pendingOrder(as, productId, quantity);
  const payment = await invoke<{ id: string }>('payment', '/payments', {
    body: { orderId: order.id, amountCents: order.totalCents, currency: 'USD', card: GOOD_CARD },
  });
  if (payment.status !== 201) throw new Error(`not charged: ${payment.text}`);
  await invoke('product', `/reservations/${order.id}/commit`, { method: 'POST' });
  const paid = await invoke<OrderBody>('order', `/orders/${order.id}/mark-paid`, {
    as,
    body: { paymentId: payment.body.id },
  });
  if (paid.status !== 200) throw new Error(`not paid: ${paid.text}`);
  return paid.body;
}
