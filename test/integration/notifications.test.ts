import { randomUUID } from 'node:crypto';
import { adminToken, registerCustomer, type TestCustomer } from './support/auth';
import { addToCart, checkoutBody, checkoutWithRetry, GOOD_CARD } from './support/checkout';
import { createProduct } from './support/commerce';
import { withSchema } from './support/db';
import { eventually } from './support/eventually';
import { itEnv } from './support/env';
import { api } from './support/http';

// Order mails through the real chain: order service outbox → Dapr pub/sub → notification service
// → Dapr SMTP output binding → Mailpit (the local SMTP sink), read back through Mailpit's API.
jest.setTimeout(120_000);

interface MailSummary {
  ID: string;
  Subject: string;
  To: Array<{ Address: string }>;
}
interface MailBody {
  Text: string;
  HTML: string;
}

const mailpit = () => itEnv('MAIL_URL');

async function mailsTo(address: string): Promise<MailSummary[]> {
  const query = new URLSearchParams({ query: `to:"${address}"`, limit: '50' });
  const response = await fetch(`${mailpit()}/api/v1/search?${query.toString()}`);
  expect(response.status).toBe(200);
  return ((await response.json()) as { messages: MailSummary[] }).messages;
}

async function mailBody(id: string): Promise<MailBody> {
  const response = await fetch(`${mailpit()}/api/v1/message/${id}`);
  expect(response.status).toBe(200);
  return (await response.json()) as MailBody;
}

const withSubject = (mails: MailSummary[], part: string) =>
  mails.filter((mail) => mail.Subject.includes(part));

/** The delivery spans of one event id in the run's Zipkin (each delivery is one server span). */
async function deliveriesOf(eventId: string): Promise<number> {
  const query = new URLSearchParams({
    serviceName: 'notification',
    annotationQuery: `messaging.message.id=${eventId}`,
    lookback: String(15 * 60_000),
    limit: '20',
  });
  const response = await fetch(`${itEnv('ZIPKIN_URL')}/api/v2/traces?${query.toString()}`);
  const traces = (await response.json()) as Array<
    Array<{
      kind?: string;
      localEndpoint?: { serviceName?: string };
      tags?: Record<string, string>;
    }>
  >;
  return traces
    .flat()
    .filter(
      (span) =>
        span.kind === 'SERVER' &&
        span.localEndpoint?.serviceName === 'notification' &&
        span.tags?.['messaging.message.id'] === eventId,
    ).length;
}

describe('notifications: one mail per step of an order, through Dapr and a real SMTP sink', () => {
  let buyer: TestCustomer;
  let orderId: string;
  let orderRef: string;

  beforeAll(async () => {
    buyer = await registerCustomer('Mail Reader');
    const product = await createProduct(5, 2599);
    await addToCart(buyer.accessToken, product.id, 2);
    const res = await checkoutWithRetry<{ order: { id: string; status: string } }>(
      buyer.accessToken,
      checkoutBody(GOOD_CARD),
    );
    expect(res.status).toBe(201);
    orderId = res.body.order.id;
    orderRef = orderId.slice(0, 8).toUpperCase();
  });

  it('mails "placed" and exactly one "paid" to the customer, with the order and no card data', async () => {
    const mails = await eventually(
      async () => {
        const found = await mailsTo(buyer.email);
        if (withSubject(found, `Order ${orderRef} is paid`).length === 0)
          throw new Error('no mail');
        if (withSubject(found, `We have your order ${orderRef}`).length === 0)
          throw new Error('no placed mail');
        return found;
      },
      30_000,
      500,
    );
    const paid = withSubject(mails, `Order ${orderRef} is paid`);
    expect(paid).toHaveLength(1);
    expect(paid[0]!.To.map((to) => to.Address)).toEqual([buyer.email]);

    const body = await mailBody(paid[0]!.ID);
    expect(body.HTML).toContain('Mail Reader');
    expect(body.HTML).toContain('$51.98'); // 2 × $25.99, from integer cents
    expect(body.HTML).toContain(`/orders/${orderId}`);
    for (const secret of [GOOD_CARD.number, GOOD_CARD.number.slice(-4), GOOD_CARD.cvv]) {
      expect(body.HTML).not.toContain(secret);
      expect(body.Text).not.toContain(secret);
    }
  });

  it('sends nothing new when the same order.paid event is delivered again', async () => {
    const eventId = await withSchema('order', async (db) => {
      const [rows] = await db.query(
        "SELECT id, payload FROM outbox_events WHERE topic = 'order.paid' AND payload LIKE ?",
        [`%${orderId}%`],
      );
      return (rows as Array<{ id: string }>)[0]?.id;
    });
    expect(eventId).toBeDefined();
    await eventually(
      async () => expect(await deliveriesOf(eventId!)).toBeGreaterThanOrEqual(1),
      15_000,
      500,
    );

    // The order service's sidecar publishes the event again, id and all (what an outbox retry or
    // a broker redelivery does).
    const republish = await fetch(
      `${itEnv('ORDER_DAPR_URL')}/v1.0/publish/pubsub/order.paid?metadata.cloudevent.id=${eventId}`,
      {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'dapr-api-token': itEnv('ORDER_DAPR_TOKEN'),
        },
        body: JSON.stringify({
          occurredAt: new Date().toISOString(),
          data: { orderId, userId: buyer.id, totalCents: 5198 },
        }),
      },
    );
    expect(republish.status).toBe(204);
    // It was delivered (a second delivery span for the same event id)…
    await eventually(
      async () => expect(await deliveriesOf(eventId!)).toBeGreaterThanOrEqual(2),
      30_000,
      500,
    );
    // …and mailed nothing.
    expect(withSubject(await mailsTo(buyer.email), `Order ${orderRef} is paid`)).toHaveLength(1);
  });

  it('mails "on its way" when an admin ships the order', async () => {
    const shipped = await api(`/admin/orders/${orderId}/ship`, {
      method: 'POST',
      token: await adminToken(),
    });
    expect(shipped.status).toBe(200);
    await eventually(
      async () =>
        expect(
          withSubject(await mailsTo(buyer.email), `Order ${orderRef} is on its way`),
        ).toHaveLength(1),
      30_000,
      500,
    );
  });

  it('escapes what a customer typed: a name with markup is text in the HTML mail', async () => {
    const sly = await registerCustomer('<b>Bold</b> & "Sly"');
    const product = await createProduct(3, 100);
    await addToCart(sly.accessToken, product.id, 1);
    const res = await checkoutWithRetry(sly.accessToken, checkoutBody(GOOD_CARD), randomUUID());
    expect(res.status).toBe(201);
    const mail = await eventually(
      async () => {
        const found = withSubject(await mailsTo(sly.email), 'is paid');
        if (found.length === 0) throw new Error('no mail yet');
        return found[0]!;
      },
      30_000,
      500,
    );
    const body = await mailBody(mail.ID);
    expect(body.HTML).toContain('&lt;b&gt;Bold&lt;/b&gt; &amp; &quot;Sly&quot;');
    expect(body.HTML).not.toContain('<b>Bold</b>');
  });
});
