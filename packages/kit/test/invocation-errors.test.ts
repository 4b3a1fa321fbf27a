import { calleeAnswerToError } from '../src';

const answer = (body: unknown) => (typeof body === 'string' ? body : JSON.stringify(body));

describe('calleeAnswerToError', () => {
  it("relays a callee's 4xx envelope unchanged", () => {
    const error = calleeAnswerToError(
      'product',
      404,
      answer({ error: { code: 'NOT_FOUND', message: 'Product not found' } }),
    );
    expect(error.status).toBe(404);
    expect(error.toBody()).toEqual({ error: { code: 'NOT_FOUND', message: 'Product not found' } });
  });

  it('keeps details of a relayed error', () => {
    const details = [{ productId: 'p1', requested: 2, available: 1 }];
    const error = calleeAnswerToError(
      'product',
      409,
      answer({ error: { code: 'INSUFFICIENT_STOCK', message: 'no', details } }),
    );
    expect(error.code).toBe('INSUFFICIENT_STOCK');
    expect(error.details).toEqual(details);
  });

  it("turns daprd's own failures and a callee's 500 into 503 UNAVAILABLE", () => {
    for (const [status, body] of [
      [500, { errorCode: 'ERR_DIRECT_INVOKE', message: 'app not found' }],
      [500, { error: { code: 'INTERNAL', message: 'Internal error' } }],
      [502, 'bad gateway'],
    ] as const) {
      const error = calleeAnswerToError('product', status, answer(body));
      expect(error.status).toBe(503);
      expect(error.code).toBe('UNAVAILABLE');
    }
  });
});
