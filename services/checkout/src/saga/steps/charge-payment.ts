import type { Payment } from '@gomall/contracts';
import { AppError } from '@gomall/kit';
import { orderTotal } from '../../domain/saga-data';
import { createStep, type StepServices } from '../step';

const chargePaymentStepId = 'charge-payment';

/** The order's payment if one exists (404 from the payment service means it was never charged). */
export async function findPayment(
  payments: StepServices['payments'],
  orderId: string,
): Promise<Payment | undefined> {
  try {
    return await payments.byOrder(orderId);
  } catch (error) {
    if (error instanceof AppError && error.status === 404) return undefined;
    throw error;
  }
}

/**
 * The pivot of the saga: once it succeeds the buyer has paid. Declines (402) and invalid cards
 * (400) are relayed as they are. Idempotent per order id, so a retried charge never charges twice;
 * a charge that arrives after the order was cancelled meets a void payment and is refused (409).
 * Undone by the order's cancel: the payment service refunds (or voids) on `order.cancelled`.
 */
export const chargePaymentStep = createStep(
  chargePaymentStepId,
  async ({ data, services, card, key }) => {
    if (!data.reservedItems) throw new Error('charge-payment needs the reserved items');
    // Only the live request carries the card; recovery compensates instead of charging.
    if (!card) throw new Error('charge-payment needs the card of the live request');
    const payment = await services.payments.charge(
      {
        orderId: data.orderId,
        amountCents: orderTotal(data.reservedItems),
        currency: 'USD',
        card,
      },
      key,
    );
    return { payment };
  },
);
