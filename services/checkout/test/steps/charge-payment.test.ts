import { chargePaymentStep } from '../../src/saga/steps/charge-payment';
import { baseData, CARD, fakeServices, ITEMS, succeededPayment } from '../fakes';

describe('charge-payment step', () => {
  it('charges the reserved total with the live card', async () => {
    const services = fakeServices();
    const patch = await chargePaymentStep.invoke({
      data: baseData({ reservedItems: ITEMS }),
      services,
      card: CARD,
    });
    expect(patch.payment?.amountCents).toBe(2 * 1250 + 2000);
    expect(services.calls).toEqual(['payments.charge']);
  });

  it('never charges without the live card (recovery compensates instead)', async () => {
    const services = fakeServices();
    await expect(
      chargePaymentStep.invoke({ data: baseData({ reservedItems: ITEMS }), services }),
    ).rejects.toThrow('card');
    expect(services.calls).toEqual([]);
  });

  it('refunds a recorded payment', async () => {
    const services = fakeServices();
    await chargePaymentStep.compensate({ data: baseData({ payment: succeededPayment }), services });
    expect(services.calls).toEqual(['payments.refund']);
  });

  it('looks the payment up when its result was not recorded, and refunds only a success', async () => {
    const services = fakeServices();
    await chargePaymentStep.compensate({ data: baseData(), services });
    expect(services.calls).toEqual(['payments.byOrder']);

    services.payment = { ...succeededPayment, status: 'declined' };
    await chargePaymentStep.compensate({ data: baseData(), services });
    expect(services.calls).toEqual(['payments.byOrder', 'payments.byOrder']);

    services.payment = succeededPayment;
    await chargePaymentStep.compensate({ data: baseData(), services });
    expect(services.calls.slice(-2)).toEqual(['payments.byOrder', 'payments.refund']);
  });
});
