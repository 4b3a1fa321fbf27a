import Router from '@koa/router';
import { APP_TOKEN, startOnLoopback } from './support/loopback';

describe('startService graceful shutdown', () => {
  it('finishes in-flight requests, refuses new ones, then runs the closers', async () => {
    const router = new Router();
    let markStarted: () => void = () => undefined;
    const started = new Promise<void>((resolve) => (markStarted = resolve));
    router.get('/slow', async (ctx) => {
      markStarted();
      await new Promise((r) => setTimeout(r, 300));
      ctx.body = { done: true };
    });
    const events: string[] = [];
    const { running } = await startOnLoopback([router], {
      graceMs: 5000,
      closers: [() => void events.push('pool closed')],
    });
    const base = `http://127.0.0.1:${running.port}`;

    const inFlight = fetch(`${base}/slow`, {
      headers: { 'dapr-api-token': APP_TOKEN },
    }).then(async (r) => {
      events.push('in-flight answered');
      return { status: r.status, body: await r.json() };
    });
    // Shut down only once the request is really in flight (not merely sent), however loaded the machine.
    await started;
    const stopped = running.shutdown('test').then(() => events.push('stopped'));

    expect(await inFlight).toEqual({ status: 200, body: { done: true } });
    await stopped;
    expect(events).toEqual(['in-flight answered', 'pool closed', 'stopped']);
    await expect(fetch(`${base}/slow`)).rejects.toThrow();
    await expect(fetch(`http://127.0.0.1:${running.opsPort}/healthz`)).rejects.toThrow();
  });
});
