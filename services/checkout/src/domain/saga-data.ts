import type { Address } from './checkout-request';

/** Shapes exchanged with the other services (docs/internal-api.md). */
export interface CartLine {
  productId: string;
  quantity: number;
}
export interface OrderItem {
  productId: string;
  name: string;
  quantity: number;
  unitPriceCents: number;
}
export interface Order {
  id: string;
  status: string;
  items: OrderItem[];
  totalCents: number;
  currency: string;
  address: Address;
  createdAt: string;
  updatedAt: string;
}
export interface Payment {
  id: string;
  orderId: string;
  status: string;
  amountCents: number;
  last4: string;
  brand?: string;
}

/**
 * Everything the saga knows, stored with it after every step so recovery can pick it up. Never the
 * card: a saga that lost its process before charging is compensated, not charged later.
 */
export interface SagaData {
  orderId: string;
  userId: string;
  address: Address;
  email?: string;
  lines?: CartLine[];
  /** Reserved items with the catalog's name and price at reservation time. */
  reservedItems?: OrderItem[];
  order?: Order;
  payment?: Payment;
  paidOrder?: Order;
}

export const orderTotal = (items: OrderItem[]): number =>
  items.reduce((sum, item) => sum + item.unitPriceCents * item.quantity, 0);

/** The 201 answer of POST /checkout. */
export interface CheckoutAnswer {
  order: Order;
  payment: { id: string; status: string; amountCents: number; last4: string };
}

export function checkoutAnswer(data: SagaData): CheckoutAnswer {
  const order = data.paidOrder ?? data.order;
  const payment = data.payment;
  if (!order || !payment) throw new Error('checkout answer needs the paid order and the payment');
  return {
    order,
    payment: {
      id: payment.id,
      status: payment.status,
      amountCents: payment.amountCents,
      last4: payment.last4,
    },
  };
}
