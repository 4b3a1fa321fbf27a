import { AppError } from '@gomall/kit';
import { createOrderStep } from '../../src/saga/steps/create-order';
import { baseData, fakeServices, ITEMS } from '../fakes';

describe('create-order step', () => {
  it('creates the pending order from the reserved items', async () => {
    const services = fakeServices();
    const patch = await createOrderStep.invoke({
      data: baseData({ reservedItems: ITEMS }),
      services,
    });
    expect(patch.order?.status).toBe('pending');
    expect(services.calls).toEqual(['orders.create']);
  });

  it('compensates by cancelling, and treats a missing order as nothing to undo', async () => {
    const services = fakeServices();
    await createOrderStep.compensate({ data: baseData(), services });
    services.fail['orders.markCancelled'] = new AppError(404, 'NOT_FOUND', 'no order');
    await createOrderStep.compensate({ data: baseData(), services });
    expect(services.calls).toEqual(['orders.markCancelled', 'orders.markCancelled']);
  });

  it('lets any other compensation failure through (recovery retries it)', async () => {
    const services = fakeServices();
    services.fail['orders.markCancelled'] = new AppError(503, 'UNAVAILABLE', 'down');
    await expect(createOrderStep.compensate({ data: baseData(), services })).rejects.toThrow(
      'down',
    );
  });
});
