import { randomUUID } from 'node:crypto';
import { registerCustomer, type TestCustomer } from './support/auth';
import { addToCart, checkoutBody, DECLINED_CARD, GOOD_CARD } from './support/checkout';
import { createProduct } from './support/commerce';
import { eventually } from './support/eventually';
import { itEnv } from './support/env';
import { api, request } from './support/http';
import { startOwnStack, stopOwnStack } from './support/own-stack';
import type { Stack } from '@gomall/devstack';

// One checkout through the real test mall, read back from its real Zipkin: the trace must hold
// every hop — the apps' spans and the sidecars' spans between them — with intact parent links.
jest.setTimeout(120_000);

interface ZipkinSpan {
  traceId: string;
  id: string;
  parentId?: string;
  name?: string;
  kind?: 'CLIENT' | 'SERVER' | 'PRODUCER' | 'CONSUMER';
  localEndpoint?: { serviceName?: string };
  tags?: Record<string, string>;
}

const zipkin = () => itEnv('ZIPKIN_URL');

/** The spans of the trace whose gateway span carries this request id (empty until it arrives). */
async function traceOfRequest(requestId: string): Promise<ZipkinSpan[]> {
  const query = new URLSearchParams({
    serviceName: 'gateway',
    annotationQuery: `gomall.request_id=${requestId}`,
    lookback: String(15 * 60_000),
    limit: '10',
  });
  const response = await fetch(`${zipkin()}/api/v2/traces?${query.toString()}`);
  expect(response.status).toBe(200);
  const traces = (await response.json()) as ZipkinSpan[][];
  return traces[0] ?? [];
}

const servicesOf = (spans: ZipkinSpan[]) =>
  new Set(spans.map((span) => span.localEndpoint?.serviceName ?? ''));

/** daprd's spans: it names them after the Dapr API or internal gRPC method they served. */
const isSidecarSpan = (span: ZipkinSpan) =>
  Object.keys(span.tags ?? {}).some((tag) => tag.startsWith('dapr.') || tag === 'rpc.service') ||
  /^(\/dapr\.proto|CallLocal|InvokeService|pubsub)/i.test(span.name ?? '');

/** Every span but the root has its parent in the trace: no hop lost its context. */
function expectConnected(spans: ZipkinSpan[]): void {
  const ids = new Set(spans.map((span) => span.id));
  const roots = spans.filter((span) => !span.parentId);
  const orphans = spans.filter((span) => span.parentId && !ids.has(span.parentId));
  expect(orphans.map((s) => `${s.localEndpoint?.serviceName} ${s.name}`)).toEqual([]);
  expect(roots).toHaveLength(1);
}

/** A checkout of one fresh product, sent with a request id of ours to find its trace by. */
async function checkoutTraced(
  buyer: TestCustomer,
  card = GOOD_CARD,
): Promise<{ requestId: string; status: number }> {
  const product = await createProduct(5, 1234);
  await addToCart(buyer.accessToken, product.id, 1);
  const requestId = `trace-${randomUUID()}`;
  const res = await api('/checkout', {
    token: buyer.accessToken,
    body: checkoutBody(card),
    headers: { 'idempotency-key': randomUUID(), 'x-request-id': requestId },
  });
  expect(res.headers.get('x-request-id')).toBe(requestId);
  return { requestId, status: res.status };
}

describe('tracing: one checkout, one trace, every hop', () => {
  let buyer: TestCustomer;

  beforeAll(async () => {
    buyer = await registerCustomer('Traced Buyer');
  });

  it('links the gateway, checkout, product, order and payment spans and the sidecars between them', async () => {
    const { requestId, status } = await checkoutTraced(buyer);
    expect(status).toBe(201);
    // Apps send their spans every second, daprd every five: wait until the whole trace is in.
    const spans = await eventually(
      async () => {
        const found = await traceOfRequest(requestId);
        const services = servicesOf(found);
        for (const name of ['gateway', 'checkout', 'product', 'order', 'payment', 'notification']) {
          if (!services.has(name))
            throw new Error(`no ${name} span yet (have ${[...services].join(', ')})`);
        }
        expectConnected(found);
        return found;
      },
      30_000,
      1000,
    );
    // The server span of each app is named by its route, and carries the request id it logged.
    const checkoutServer = spans.find(
      (s) => s.localEndpoint?.serviceName === 'checkout' && s.kind === 'SERVER',
    );
    expect(checkoutServer?.name?.toLowerCase()).toContain('/checkout');
    // Both sidecars of an invocation: the caller's daprd and the callee's daprd sit between
    // checkout's client span and product's server span.
    const sidecarSpans = spans.filter(isSidecarSpan);
    const sidecarServices = servicesOf(sidecarSpans);
    expect(sidecarServices.has('checkout')).toBe(true);
    expect(sidecarServices.has('product')).toBe(true);
    // The asynchronous part: order.paid, published from the order service's outbox, delivered by
    // the sidecars to its subscriber (the notification service), in the same trace.
    const delivery = spans.find(
      (s) =>
        s.localEndpoint?.serviceName === 'notification' &&
        s.kind === 'SERVER' &&
        s.tags?.['messaging.destination.name'] === 'order.paid',
    );
    expect(delivery).toBeDefined();
    // Database queries are spans of their service.
    expect(
      spans.some(
        (s) => s.tags?.['db.system'] === 'mysql' || s.tags?.['db.system.name'] === 'mysql',
      ),
    ).toBe(true);
  });

  it('marks the trace of a declined checkout with the error', async () => {
    const { requestId, status } = await checkoutTraced(buyer, DECLINED_CARD);
    expect(status).toBe(402);
    const spans = await eventually(async () => {
      const found = await traceOfRequest(requestId);
      if (!servicesOf(found).has('payment')) throw new Error('no payment span yet');
      return found;
    }, 30_000);
    expect(spans.some((s) => s.tags?.['error.type'] === 'PAYMENT_DECLINED')).toBe(true);
  });
});

describe('tracing: sampling off', () => {
  let stack: Stack | undefined;

  beforeAll(async () => {
    stack = await startOwnStack(['gateway', 'product'], {}, 0);
  }, 180_000);

  afterAll(() => stopOwnStack(stack));

  it('sends no span at all, from the apps or the sidecars', async () => {
    for (let i = 0; i < 5; i++) {
      const res = await request('/api/v1/products', {}, stack!.gatewayUrl);
      expect(res.status).toBe(200);
    }
    // Longer than the apps' (1 s) and daprd's (5 s) export intervals.
    await new Promise((resolve) => setTimeout(resolve, 7000));
    const services = await fetch(`${stack!.zipkinUrl}/api/v2/services`);
    expect(services.status).toBe(200);
    expect(await services.json()).toEqual([]);
  });
});
