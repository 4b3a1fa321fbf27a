import { markOrderPaidStep } from '../../src/saga/steps/mark-order-paid';
import { baseData, fakeServices, succeededPayment } from '../fakes';

describe('mark-order-paid step', () => {
  it('marks the order paid with the payment id and keeps the paid order', async () => {
    const services = fakeServices();
    const patch = await markOrderPaidStep.invoke({
      data: baseData({ payment: succeededPayment }),
      services,
    });
    expect(patch.paidOrder?.status).toBe('paid');
    expect(services.calls).toEqual(['orders.markPaid']);
  });

  it('runs after the charge, so it is retried forward and undoes nothing itself', async () => {
    expect(markOrderPaidStep.kind).toBe('retriable');
    const services = fakeServices();
    await markOrderPaidStep.compensate({ data: baseData(), services });
    expect(services.calls).toEqual([]);
  });
});
