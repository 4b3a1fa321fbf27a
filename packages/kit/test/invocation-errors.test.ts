import { toInvocationError } from '../src';

const sdkFailure = (status: number, body: unknown) =>
  new Error(
    JSON.stringify({
      error: 'x',
      error_msg: typeof body === 'string' ? body : JSON.stringify(body),
      status,
    }),
  );

describe('toInvocationError', () => {
  it("relays a callee's 4xx envelope unchanged", () => {
    const error = toInvocationError(
      'product',
      sdkFailure(404, { error: { code: 'NOT_FOUND', message: 'Product not found' } }),
    );
    expect(error.status).toBe(404);
    expect(error.toBody()).toEqual({ error: { code: 'NOT_FOUND', message: 'Product not found' } });
  });

  it('keeps details of a relayed error', () => {
    const details = [{ productId: 'p1', requested: 2, available: 1 }];
    const error = toInvocationError(
      'product',
      sdkFailure(409, { error: { code: 'INSUFFICIENT_STOCK', message: 'no', details } }),
    );
    expect(error.code).toBe('INSUFFICIENT_STOCK');
    expect(error.details).toEqual(details);
  });

  it("turns daprd's own failures and a callee's 500 into 503 UNAVAILABLE", () => {
    for (const failure of [
      sdkFailure(500, { errorCode: 'ERR_DIRECT_INVOKE', message: 'app not found' }),
      sdkFailure(500, { error: { code: 'INTERNAL', message: 'Internal error' } }),
      sdkFailure(502, 'bad gateway'),
      new Error('connect ECONNREFUSED 127.0.0.1:3500'),
    ]) {
      const error = toInvocationError('product', failure);
      expect(error.status).toBe(503);
      expect(error.code).toBe('UNAVAILABLE');
    }
  });
});
