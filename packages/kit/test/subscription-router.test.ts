import { Writable } from 'node:stream';
import pino from 'pino';
import { subscriptionRouter, unavailable } from '../src';
import { APP_TOKEN, startOnLoopback } from './support/loopback';

/** A subscriber of `order.cancelled` whose handler fails with `failure`, over real loopback HTTP. */
async function subscriber(failure: Error) {
  const lines: Array<{ level: number; msg: string }> = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString()) as { level: number; msg: string });
      done();
    },
  });
  const logger = pino({ level: 'info' }, sink);
  const router = subscriptionRouter(
    [
      {
        pubsubName: 'pubsub',
        topic: 'order.cancelled',
        deadLetterTopic: 'deadletter',
        handle: () => Promise.reject(failure),
      },
    ],
    logger,
  );
  const { running } = await startOnLoopback([router]);
  /** One delivery, as daprd makes it: a CloudEvent with the app token. */
  const deliver = async () => {
    const response = await fetch(`http://127.0.0.1:${running.port}/events/order-cancelled`, {
      method: 'POST',
      headers: { 'content-type': 'application/cloudevents+json', 'dapr-api-token': APP_TOKEN },
      body: JSON.stringify({
        id: 'event-1',
        topic: 'order.cancelled',
        data: {
          occurredAt: new Date().toISOString(),
          data: { orderId: 'order-1', userId: 'user-1', totalCents: 1200 },
        },
      }),
    });
    return (await response.json()) as { status: string };
  };
  return { deliver, lines, close: () => running.shutdown('test done') };
}

describe('subscriptionRouter', () => {
  it('asks for a redelivery of an event whose dependency is away, with a warning', async () => {
    const { deliver, lines, close } = await subscriber(unavailable('The mail server is away'));
    try {
      expect(await deliver()).toEqual({ status: 'RETRY' });
      expect(lines).toEqual([
        expect.objectContaining({ level: 40, msg: 'event failed; daprd delivers it again' }),
      ]);
    } finally {
      await close();
    }
  });

  it('asks for a redelivery of an event whose handler broke, with an error', async () => {
    const { deliver, lines, close } = await subscriber(new TypeError('a bug'));
    try {
      expect(await deliver()).toEqual({ status: 'RETRY' });
      expect(lines).toEqual([expect.objectContaining({ level: 50, msg: 'event failed' })]);
    } finally {
      await close();
    }
  });
});
