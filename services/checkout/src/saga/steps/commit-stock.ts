import { createStep } from '../step';

const commitStockStepId = 'commit-stock';

/** Turns the reservation into a sale: reserved units leave on-hand. Idempotent per order id. */
export const commitStockStep = createStep(
  commitStockStepId,
  async ({ data, services, key }) => {
    await services.products.commit(data.orderId, key);
    return {};
  },
  'retriable',
);
