import { reserveStockStep } from '../../src/saga/steps/reserve-stock';
import { baseData, fakeServices, ITEMS } from '../fakes';

describe('reserve-stock step', () => {
  it('reserves the cart lines under the order id and keeps the priced items', async () => {
    const services = fakeServices();
    const data = baseData({ lines: [{ productId: 'p1', quantity: 2 }] });
    expect(await reserveStockStep.invoke({ data, services })).toEqual({ reservedItems: ITEMS });
    expect(services.calls).toEqual(['products.reserve']);
  });

  it('needs the cart lines', async () => {
    await expect(
      reserveStockStep.invoke({ data: baseData(), services: fakeServices() }),
    ).rejects.toThrow('cart lines');
  });

  it('compensates by releasing the order (safe when nothing was reserved)', async () => {
    const services = fakeServices();
    await reserveStockStep.compensate({ data: baseData(), services });
    expect(services.calls).toEqual(['products.release']);
  });
});
