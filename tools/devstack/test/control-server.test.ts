import { startControlServer, type ControlServer } from '../src/control-server';
import type { Stack } from '../src/stack';

/** The control server's routing and validation, against a stack that only records the calls. */
describe('stack control server', () => {
  const calls: string[] = [];
  const stack = {
    options: { services: ['gateway', 'checkout'] },
    restartService: (name: string, env: Record<string, string>) => {
      calls.push(`restart ${name} ${JSON.stringify(env)}`);
      return Promise.resolve();
    },
    killService: (name: string) => {
      calls.push(`kill ${name}`);
      return Promise.resolve();
    },
  } as unknown as Stack;
  let control: ControlServer;

  beforeAll(async () => {
    control = await startControlServer(stack);
  });
  afterAll(() => control.close());
  beforeEach(() => calls.splice(0));

  const post = (path: string, body?: string) =>
    fetch(`${control.url}${path}`, { method: 'POST', body });

  it('listens on loopback only', () => {
    expect(control.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('restarts a service with the given environment, and kills one', async () => {
    const env = JSON.stringify({ env: { GOMALL_FAULT_CRASH_AFTER: 'charge-payment' } });
    expect((await post('/services/checkout/restart', env)).status).toBe(204);
    expect((await post('/services/checkout/restart')).status).toBe(204);
    expect((await post('/services/checkout/kill')).status).toBe(204);
    expect(calls).toEqual([
      'restart checkout {"GOMALL_FAULT_CRASH_AFTER":"charge-payment"}',
      'restart checkout {}',
      'kill checkout',
    ]);
  });

  it('refuses unknown services and routes, other methods, and bad environments', async () => {
    expect((await post('/services/nope/restart')).status).toBe(404);
    expect((await post('/services/checkout/explode')).status).toBe(404);
    expect((await fetch(`${control.url}/services/checkout/kill`)).status).toBe(404);
    expect((await post('/services/checkout/restart', '{"env":{"A":1}}')).status).toBe(500);
    expect((await post('/services/checkout/restart', 'not json')).status).toBe(500);
    expect(calls).toEqual([]);
  });
});
