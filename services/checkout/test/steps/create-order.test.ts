import { AppError } from '@gomall/kit';
import { createOrderStep } from '../../src/saga/steps/create-order';
import { baseData, fakeServices, ITEMS, order } from '../fakes';

describe('create-order step', () => {
  it('creates the pending order from the reserved items', async () => {
    const services = fakeServices();
    const patch = await createOrderStep.invoke({
      data: baseData({ reservedItems: ITEMS }),
      services,
      key: 'o1:create-order',
    });
    expect(patch.order?.status).toBe('pending');
    expect(services.calls).toEqual(['orders.create']);
    expect(services.keys['orders.create']).toEqual(['o1:create-order']);
  });

  it('a late create that meets the cancelled placeholder of a compensation is refused', async () => {
    const services = fakeServices();
    services.orders.create = () => Promise.resolve(order('cancelled'));
    const error = await createOrderStep
      .invoke({ data: baseData({ reservedItems: ITEMS }), services, key: 'o1:create-order' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).status).toBe(409);
  });
});
