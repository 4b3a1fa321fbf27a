import { createStep } from '../step';

const reserveStockStepId = 'reserve-stock';

/**
 * Holds the stock before any money moves. The product service answers 409 INSUFFICIENT_STOCK with
 * nothing reserved when a line cannot be had; it is idempotent per order id, and refuses an order
 * whose stock was released already (a late retry of a cancelled checkout). Undone by the order's
 * cancel: the product service releases the reservation on `order.cancelled`.
 */
export const reserveStockStep = createStep(reserveStockStepId, async ({ data, services, key }) => {
  if (!data.lines) throw new Error('reserve-stock needs the cart lines');
  const reservation = await services.products.reserve(data.orderId, data.lines, key);
  return { reservedItems: reservation.items };
});
