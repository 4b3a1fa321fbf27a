import { commitStockStep } from '../../src/saga/steps/commit-stock';
import { baseData, fakeServices } from '../fakes';

describe('commit-stock step', () => {
  it('commits the reservation of the order', async () => {
    const services = fakeServices();
    expect(await commitStockStep.invoke({ data: baseData(), services })).toEqual({
      stockCommitted: true,
    });
    expect(services.calls).toEqual(['products.commit']);
    expect(commitStockStep.kind).toBe('retriable');
  });

  it('compensates by releasing, which returns committed units to on-hand', async () => {
    const services = fakeServices();
    await commitStockStep.compensate({ data: baseData(), services });
    expect(services.calls).toEqual(['products.release']);
  });
});
