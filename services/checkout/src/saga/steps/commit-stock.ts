import { createStep } from '../step';

export const commitStockStepId = 'commit-stock';

/** Turns the reservation into a sale: reserved units leave on-hand. Idempotent per order id. */
export const commitStockStep = createStep(
  commitStockStepId,
  async ({ data, services }) => {
    await services.products.commit(data.orderId);
    return { stockCommitted: true };
  },
  async ({ data, services }) => {
    // Committed units return to on-hand on release (and a reservation still open is freed).
    await services.products.release(data.orderId);
  },
  'retriable',
);
