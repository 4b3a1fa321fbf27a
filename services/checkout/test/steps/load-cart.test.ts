import { AppError } from '@gomall/kit';
import { loadCartStep } from '../../src/saga/steps/load-cart';
import { baseData, fakeServices } from '../fakes';

describe('load-cart step', () => {
  it('reads the cart lines (ids and quantities only)', async () => {
    const services = fakeServices();
    const patch = await loadCartStep.invoke({ data: baseData(), services, key: 'k' });
    expect(patch.lines).toEqual([
      { productId: 'p1', quantity: 2 },
      { productId: 'p2', quantity: 1 },
    ]);
  });

  it('refuses an empty cart with 400', async () => {
    const services = fakeServices();
    services.carts.lines = () => Promise.resolve({ items: [] });
    const error = await loadCartStep
      .invoke({ data: baseData(), services, key: 'k' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).status).toBe(400);
  });

  it('does not read again once the lines are recorded, and has nothing to undo', async () => {
    const services = fakeServices();
    const data = baseData({ lines: [{ productId: 'p1', quantity: 1 }] });
    expect(await loadCartStep.invoke({ data, services, key: 'k' })).toEqual({});
    expect(services.calls).toEqual([]);
    expect(loadCartStep.kind).toBe('read-only');
  });
});
