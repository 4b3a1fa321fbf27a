import { emptyCartStep } from '../../src/saga/steps/empty-cart';
import { baseData, fakeServices } from '../fakes';

describe('empty-cart step', () => {
  it('empties the buyer cart and cannot fail the saga', async () => {
    const services = fakeServices();
    expect(await emptyCartStep.invoke({ data: baseData(), services, key: 'k' })).toEqual({});
    expect(services.calls).toEqual(['carts.clear']);
    expect(emptyCartStep.kind).toBe('best-effort');
  });
});
