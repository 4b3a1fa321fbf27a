import { validationFailed } from '@gomall/kit';
import { createStep } from '../step';

const loadCartStepId = 'load-cart';

/** Reads what the buyer is checking out. Reads only, so there is nothing to undo. */
export const loadCartStep = createStep(
  loadCartStepId,
  async ({ data, services }) => {
    if (data.lines) return {};
    const cart = await services.carts.lines();
    if (cart.items.length === 0) throw validationFailed('The cart is empty');
    return { lines: cart.items.map(({ productId, quantity }) => ({ productId, quantity })) };
  },
  'read-only',
);
