import { reserveStockStep } from '../../src/saga/steps/reserve-stock';
import { baseData, fakeServices, ITEMS } from '../fakes';

describe('reserve-stock step', () => {
  it('reserves the cart lines under the order id and keeps the priced items', async () => {
    const services = fakeServices();
    const data = baseData({ lines: [{ productId: 'p1', quantity: 2 }] });
    expect(await reserveStockStep.invoke({ data, services, key: 'o1:reserve-stock' })).toEqual({
      reservedItems: ITEMS,
    });
    expect(services.calls).toEqual(['products.reserve']);
    expect(services.keys['products.reserve']).toEqual(['o1:reserve-stock']);
  });

  it('needs the cart lines', async () => {
    await expect(
      reserveStockStep.invoke({ data: baseData(), services: fakeServices(), key: 'k' }),
    ).rejects.toThrow('cart lines');
  });

  it('is undone by the order cancel (product releases on order.cancelled), not by itself', () => {
    expect(reserveStockStep.kind).toBe('compensable');
    expect(Object.keys(reserveStockStep)).not.toContain('compensate');
  });
});
