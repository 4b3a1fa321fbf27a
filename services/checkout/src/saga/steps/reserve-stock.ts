import { createStep } from '../step';

export const reserveStockStepId = 'reserve-stock';

/**
 * Holds the stock before any money moves. The product service answers 409 INSUFFICIENT_STOCK with
 * nothing reserved when a line cannot be had; it is idempotent per order id.
 */
export const reserveStockStep = createStep(
  reserveStockStepId,
  async ({ data, services }) => {
    if (!data.lines) throw new Error('reserve-stock needs the cart lines');
    const reservation = await services.products.reserve(data.orderId, data.lines);
    return { reservedItems: reservation.items };
  },
  async ({ data, services }) => {
    // Releasing an order that holds nothing answers "none": safe even if the reservation never landed.
    await services.products.release(data.orderId);
  },
);
