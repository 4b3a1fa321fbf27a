import { ALL_SERVICES } from '@gomall/devstack';
import { COMPONENT_SCOPES, TOPIC_ROUTES, type Topic } from '@gomall/kit';
import { publishAs, viaSidecar } from './support/invoke';

/**
 * Dapr's pub/sub topic scoping and component scopes, enforced by the test mall's real daprd
 * sidecars (dapr-components/resources; test/delivery/dapr-scopes.test.ts checks the table itself,
 * dapr-subscription-scopes.test.ts shows a non-designed subscription getting no deliveries).
 */
const running = (process.env.GOMALL_IT_SERVICES?.split(',') ?? [...ALL_SERVICES]).filter((s) =>
  (ALL_SERVICES as readonly string[]).includes(s),
);
const has = (...services: string[]) => services.every((s) => running.includes(s));
const itIf = (condition: boolean) => (condition ? it : it.skip);

interface ErrorBody {
  errorCode?: string;
}
interface Metadata {
  components?: { name: string }[];
  subscriptions?: { pubsubname: string; topic: string }[];
}

describe('pub/sub topic scopes (real daprd)', () => {
  itIf(has('cart', 'product'))(
    'a service publishing a topic it does not own is refused by its own sidecar (403)',
    async () => {
      // A compromised cart claiming an order was paid; a compromised product deleting a user.
      for (const [service, topic] of [
        ['cart', 'order.paid'],
        ['product', 'user.deleted'],
        ['product', 'order.cancelled'],
      ] as const) {
        const res = await publishAs(service, topic, { orderId: 'forged', userId: 'forged' });
        expect({ service, topic, status: res.status }).toEqual({ service, topic, status: 403 });
        expect((res.body as ErrorBody).errorCode).toBe('ERR_PUBSUB_FORBIDDEN');
      }
    },
  );

  itIf(has('order'))(
    'the owner publishes its own topic; no one publishes an unknown topic',
    async () => {
      const own = await publishAs('order', 'order.paid', { orderId: 'scope-probe', probe: true });
      expect(own.status).toBe(204);
      const unknown = await publishAs('order', 'orders.everything', { probe: true });
      expect(unknown.status).toBe(403);
      expect((unknown.body as ErrorBody).errorCode).toBe('ERR_PUBSUB_FORBIDDEN');
    },
  );

  itIf(has('gateway', 'checkout'))(
    'services outside the component scopes do not even load pub/sub or the state store',
    async () => {
      for (const service of ['gateway', 'checkout']) {
        const publish = await publishAs(service, 'order.paid', { orderId: 'forged' });
        expect(publish.status).toBe(404);
        expect((publish.body as ErrorBody).errorCode).toBe('ERR_PUBSUB_NOT_FOUND');
        const state = await viaSidecar(service, '/v1.0/state/statestore/cart-anyone');
        expect((state.body as ErrorBody).errorCode).toBe('ERR_STATE_STORE_NOT_CONFIGURED');
      }
    },
  );

  it.each(running)(
    "%s's sidecar loads exactly its scoped components; its app asks for exactly its designed topics",
    async (service) => {
      const res = await viaSidecar<Metadata>(service, '/v1.0/metadata');
      expect(res.status).toBe(200);
      const loaded = (res.body.components ?? []).map((c) => c.name).sort();
      const expected = [
        ...((COMPONENT_SCOPES.pubsub as readonly string[]).includes(service) ? ['pubsub'] : []),
        ...((COMPONENT_SCOPES.statestore as readonly string[]).includes(service)
          ? ['statestore']
          : []),
        ...((COMPONENT_SCOPES.localSecretStore as readonly string[]).includes(service)
          ? ['secretstore']
          : []),
        ...((COMPONENT_SCOPES.orderSweep as readonly string[]).includes(service)
          ? ['order-sweep']
          : []),
        ...((COMPONENT_SCOPES.mail as readonly string[]).includes(service) ? ['mail'] : []),
      ].sort();
      expect(loaded).toEqual(expected);
      const designed = (Object.keys(TOPIC_ROUTES) as Topic[])
        .filter((topic) => (TOPIC_ROUTES[topic].subscribers as readonly string[]).includes(service))
        .sort();
      const subscribed = (res.body.subscriptions ?? []).map((s) => s.topic).sort();
      expect(subscribed).toEqual(designed);
    },
  );
});
