import { createStep } from '../step';

const emptyCartStepId = 'empty-cart';

/** The bought cart is emptied. The order is paid whatever happens here, so it cannot fail the saga. */
export const emptyCartStep = createStep(
  emptyCartStepId,
  async ({ services }) => {
    await services.carts.clear();
    return {};
  },
  'best-effort',
);
