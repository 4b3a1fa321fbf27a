import { commitStockStep } from '../../src/saga/steps/commit-stock';
import { baseData, fakeServices } from '../fakes';

describe('commit-stock step', () => {
  it('commits the reservation of the order', async () => {
    const services = fakeServices();
    expect(
      await commitStockStep.invoke({ data: baseData(), services, key: 'o1:commit-stock' }),
    ).toEqual({});
    expect(services.calls).toEqual(['products.commit']);
    expect(commitStockStep.kind).toBe('retriable');
  });

  it('sends the step key, so a retried commit is a replay', async () => {
    const services = fakeServices();
    await commitStockStep.invoke({ data: baseData(), services, key: 'o1:commit-stock' });
    await commitStockStep.invoke({ data: baseData(), services, key: 'o1:commit-stock' });
    expect(services.keys['products.commit']).toEqual(['o1:commit-stock', 'o1:commit-stock']);
  });
});
