import { conflict } from '@gomall/kit';
import { createStep } from '../step';

const createOrderStepId = 'create-order';

/**
 * The pending order, with the names and prices the reservation fixed. Idempotent per order id;
 * an order that is no longer pending (cancelled by a compensation that ran first) is a refusal.
 */
export const createOrderStep = createStep(createOrderStepId, async ({ data, services, key }) => {
  if (!data.reservedItems) throw new Error('create-order needs the reserved items');
  const order = await services.orders.create(
    {
      id: data.orderId,
      items: data.reservedItems,
      address: data.address,
      ...(data.email ? { email: data.email } : {}),
    },
    key,
  );
  if (order.status !== 'pending') {
    throw conflict(`The order is ${order.status} already`, { status: order.status });
  }
  return { order };
});
