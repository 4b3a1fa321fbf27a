import { markOrderPaidStep } from '../../src/saga/steps/mark-order-paid';
import { baseData, fakeServices, succeededPayment } from '../fakes';

describe('mark-order-paid step', () => {
  it('marks the order paid with the payment id and keeps the paid order', async () => {
    const services = fakeServices();
    const patch = await markOrderPaidStep.invoke({
      data: baseData({ payment: succeededPayment }),
      services,
      key: 'o1:mark-order-paid',
    });
    expect(patch.paidOrder?.status).toBe('paid');
    expect(services.calls).toEqual(['orders.markPaid']);
  });

  it('runs after the charge, so it is retried forward', () => {
    expect(markOrderPaidStep.kind).toBe('retriable');
  });
});
