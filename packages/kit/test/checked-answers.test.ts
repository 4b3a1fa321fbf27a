import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';
import { OffContractAnswer, ServiceInvoker } from '../src';

/**
 * Typed calls check the callee's answer against its contract outside production: a callee and a
 * caller that drift apart fail loudly in development and in the tests, never silently.
 */
describe('answers checked against their contracts', () => {
  const thing = z.object({ id: z.string(), count: z.number().int() });
  let answer = '';
  let server: http.Server;
  let sidecar: { DAPR_HOST: string; DAPR_HTTP_PORT: number };
  beforeAll(async () => {
    // Answers what a test sets, where daprd's invoke endpoint would.
    server = http.createServer((_req, res) => {
      res.writeHead(answer === '' ? 204 : 200, { 'content-type': 'application/json' });
      res.end(answer);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    sidecar = { DAPR_HOST: '127.0.0.1', DAPR_HTTP_PORT: (server.address() as AddressInfo).port };
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it('answers what the callee sent when it keeps to the contract', async () => {
    answer = '{"id":"a","count":2,"extra":true}';
    const invoker = new ServiceInvoker(sidecar, 'callee', { checkAnswers: true });
    await expect(invoker.callChecked(thing, 'GET', '/things/a')).resolves.toEqual({
      id: 'a',
      count: 2,
      extra: true,
    });
    await expect(invoker.callForTextChecked(thing, 'GET', '/things/a')).resolves.toBe(answer);
  });

  it('refuses an answer off its contract, naming the callee, the call and the field', async () => {
    answer = '{"id":"a","count":"2"}';
    const invoker = new ServiceInvoker(sidecar, 'callee', { checkAnswers: true });
    const error = await invoker.callChecked(thing, 'GET', '/things/a').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OffContractAnswer);
    expect((error as Error).message).toMatch(/^callee answered GET \/things\/a off its contract/);
    expect((error as Error).message).toContain('count');
    await expect(invoker.callForTextChecked(thing, 'GET', '/things/a')).rejects.toBeInstanceOf(
      OffContractAnswer,
    );
  });

  it('takes the answer as it is where answers are not checked (production)', async () => {
    answer = '{"id":"a","count":"2"}';
    const invoker = new ServiceInvoker(sidecar, 'callee', { checkAnswers: false });
    await expect(invoker.callChecked(thing, 'GET', '/things/a')).resolves.toEqual({
      id: 'a',
      count: '2',
    });
  });

  it('checks by default everywhere but under NODE_ENV=production', async () => {
    answer = '{"id":"a"}';
    const before = process.env.NODE_ENV;
    try {
      process.env.NODE_ENV = 'production';
      const trusting = new ServiceInvoker(sidecar, 'callee');
      await expect(trusting.callChecked(thing, 'GET', '/things/a')).resolves.toEqual({ id: 'a' });
      process.env.NODE_ENV = 'test';
      const checking = new ServiceInvoker(sidecar, 'callee');
      await expect(checking.callChecked(thing, 'GET', '/things/a')).rejects.toBeInstanceOf(
        OffContractAnswer,
      );
    } finally {
      process.env.NODE_ENV = before;
    }
  });

  it('CHECK_ANSWERS=false trusts answers outside production too (the benchmark)', async () => {
    answer = '{"id":"a"}';
    const before = process.env.CHECK_ANSWERS;
    try {
      process.env.CHECK_ANSWERS = 'false';
      const trusting = new ServiceInvoker(sidecar, 'callee');
      await expect(trusting.callChecked(thing, 'GET', '/things/a')).resolves.toEqual({ id: 'a' });
    } finally {
      if (before === undefined) delete process.env.CHECK_ANSWERS;
      else process.env.CHECK_ANSWERS = before;
    }
  });

  it('send() resolves with nothing on a 204', async () => {
    answer = '';
    const invoker = new ServiceInvoker(sidecar, 'callee', { checkAnswers: true });
    await expect(invoker.send('DELETE', '/things/a')).resolves.toBeUndefined();
  });
});
