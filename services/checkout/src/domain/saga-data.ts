import type {
  Address,
  CheckoutResult,
  Order,
  Payment,
  ReservedLine,
  StockLine,
} from '@gomall/contracts';

/**
 * Everything the saga knows, stored with it after every step so recovery can pick it up: the
 * other services' answers as the contracts shape them. Never the card: a saga that lost its
 * process before charging is compensated, not charged later.
 */
export interface SagaData {
  orderId: string;
  userId: string;
  address: Address;
  email?: string;
  lines?: StockLine[];
  /** Reserved items with the catalog's name and price at reservation time. */
  reservedItems?: ReservedLine[];
  order?: Order;
  payment?: Payment;
  paidOrder?: Order;
}

export const orderTotal = (items: readonly ReservedLine[]): number =>
  items.reduce((sum, item) => sum + item.unitPriceCents * item.quantity, 0);

/** The 201 answer of POST /checkout. */
export function checkoutAnswer(data: SagaData): CheckoutResult {
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
