import { AppError } from '@gomall/kit';
import { chargePaymentStep } from '../../src/saga/steps/charge-payment';
import { baseData, CARD, fakeServices, ITEMS, succeededPayment } from '../fakes';

describe('charge-payment step', () => {
  it('charges the reserved total with the live card', async () => {
    const services = fakeServices();
    const patch = await chargePaymentStep.invoke({
      data: baseData({ reservedItems: ITEMS }),
      services,
      card: CARD,
      key: 'o1:charge-payment',
    });
    expect(patch.payment?.amountCents).toBe(2 * 1250 + 2000);
    expect(services.calls).toEqual(['payments.charge']);
  });

  it('never charges without the live card (recovery compensates instead)', async () => {
    const services = fakeServices();
    await expect(
      chargePaymentStep.invoke({ data: baseData({ reservedItems: ITEMS }), services, key: 'k' }),
    ).rejects.toThrow('card');
    expect(services.calls).toEqual([]);
  });

  it('is undone by the order cancel (payment refunds or voids on order.cancelled)', () => {
    expect(chargePaymentStep.kind).toBe('compensable');
    expect(Object.keys(chargePaymentStep)).not.toContain('compensate');
  });

  it('relays a charge refused because the order was voided (a late charge) as a refusal', async () => {
    const services = fakeServices();
    services.fail['payments.charge'] = new AppError(409, 'CONFLICT', 'voided');
    await expect(
      chargePaymentStep.invoke({
        data: baseData({ reservedItems: ITEMS }),
        services,
        card: CARD,
        key: 'k',
      }),
    ).rejects.toMatchObject({ status: 409 });
    expect(succeededPayment.status).toBe('succeeded');
  });
});
