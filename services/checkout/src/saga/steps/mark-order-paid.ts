import { createStep } from '../step';

export const markOrderPaidStepId = 'mark-order-paid';

/**
 * Records the payment on the order. After the charge, so a transient failure is retried forward
 * (the buyer has paid); a refusal (the order was cancelled meanwhile) rolls the saga back, and
 * create-order's and charge-payment's compensations cancel and refund.
 */
export const markOrderPaidStep = createStep(
  markOrderPaidStepId,
  async ({ data, services }) => {
    if (!data.payment) throw new Error('mark-order-paid needs the payment');
    return { paidOrder: await services.orders.markPaid(data.orderId, data.payment.id) };
  },
  undefined,
  'retriable',
);
