import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Operation } from '@gomall/contracts';
import { z } from 'zod';
import { OffContractAnswer, ServiceInvoker } from '../src';

/**
 * An operation from the contracts is the whole call: its method, its path with the parameters
 * filled in (URI-encoded), its body, and its answer checked as `callChecked` checks it.
 */
describe('ServiceInvoker.invoke', () => {
  const thing = z.object({ id: z.string(), count: z.number().int() });
  const operations = {
    rename: {
      method: 'PATCH',
      path: '/things/:id/names/:lang',
      body: z.object({ name: z.string() }),
      answer: thing,
    },
    forget: { method: 'DELETE', path: '/things/:id' },
  } as const satisfies Record<string, Operation>;

  let answer = '';
  let seen: { method?: string; url?: string; body: string; key?: string } = { body: '' };
  let server: http.Server;
  let invoker: ServiceInvoker;
  beforeAll(async () => {
    // Records the request and answers what a test sets, where daprd's invoke endpoint would.
    server = http.createServer((req, res) => {
      let body = '';
      req.setEncoding('utf8');
      req.on('data', (chunk: string) => (body += chunk));
      req.on('end', () => {
        seen = {
          method: req.method,
          url: req.url,
          body,
          key: req.headers['idempotency-key'] as string | undefined,
        };
        res.writeHead(answer === '' ? 204 : 200, { 'content-type': 'application/json' });
        res.end(answer);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as AddressInfo).port;
    invoker = new ServiceInvoker({ DAPR_HOST: '127.0.0.1', DAPR_HTTP_PORT: port }, 'callee', {
      checkAnswers: true,
    });
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it('sends the operation with its parameters, body and key, and answers its checked answer', async () => {
    answer = '{"id":"a b/c","count":1}';
    const result = await invoker.invoke(operations.rename, {
      params: { id: 'a b/c', lang: 'en' },
      body: { name: 'Kettle' },
      idempotencyKey: 'k-1',
    });
    expect(result).toEqual({ id: 'a b/c', count: 1 });
    expect(seen).toEqual({
      method: 'PATCH',
      url: '/v1.0/invoke/callee/method/things/a%20b%2Fc/names/en',
      body: '{"name":"Kettle"}',
      key: 'k-1',
    });
    await expect(
      invoker.invokeForText(operations.rename, {
        params: { id: 'a', lang: 'en' },
        body: { name: 'Kettle' },
      }),
    ).resolves.toBe(answer);
  });

  it('refuses an answer off the operation contract', async () => {
    answer = '{"id":"a","count":"1"}';
    await expect(
      invoker.invoke(operations.rename, { params: { id: 'a', lang: 'en' }, body: { name: 'x' } }),
    ).rejects.toBeInstanceOf(OffContractAnswer);
  });

  it('resolves with nothing for an operation without an answer', async () => {
    answer = '';
    await expect(
      invoker.invoke(operations.forget, { params: { id: 'a' } }),
    ).resolves.toBeUndefined();
    expect(seen.method).toBe('DELETE');
    expect(seen.url).toBe('/v1.0/invoke/callee/method/things/a');
  });
});
