import { AppError } from '@gomall/kit';
import { createStep } from '../step';

export const createOrderStepId = 'create-order';

/** The pending order, with the names and prices the reservation fixed. Idempotent per order id. */
export const createOrderStep = createStep(
  createOrderStepId,
  async ({ data, services }) => {
    if (!data.reservedItems) throw new Error('create-order needs the reserved items');
    const order = await services.orders.create({
      id: data.orderId,
      items: data.reservedItems,
      address: data.address,
      ...(data.email ? { email: data.email } : {}),
    });
    return { order };
  },
  async ({ data, services }) => {
    try {
      await services.orders.markCancelled(data.orderId, 'checkout did not complete');
    } catch (error) {
      // The order was never created (the step failed before or while creating it).
      if (error instanceof AppError && error.status === 404) return;
      throw error;
    }
  },
);
