import { createStep } from '../step';

const markOrderPaidStepId = 'mark-order-paid';

/**
 * Records the payment on the order. After the charge, so a transient failure is retried forward
 * (the buyer has paid); a refusal (the order was cancelled meanwhile, e.g. by the sweep) rolls the
 * saga back: the cancel is final already, and the payment service refunds on `order.cancelled`.
 */
export const markOrderPaidStep = createStep(
  markOrderPaidStepId,
  async ({ data, services, key }) => {
    if (!data.payment) throw new Error('mark-order-paid needs the payment');
    return { paidOrder: await services.orders.markPaid(data.orderId, data.payment.id, key) };
  },
  'retriable',
);
