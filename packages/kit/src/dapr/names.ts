/**
 * Dapr component names, defined once. They match dapr-components/*.yaml and the Helm chart's
 * component templates, so code, local runs and Kubernetes never drift apart.
 */
export const DAPR_COMPONENTS = {
  stateStore: 'statestore',
  pubsub: 'pubsub',
  /** bindings.smtp: the notification service's outgoing mail. */
  mail: 'mail',
  secretStore: 'secretstore',
} as const;

/** App ids (= service names) used for service invocation. */
export const APP_IDS = {
  gateway: 'gateway',
  user: 'user',
  auth: 'auth',
  product: 'product',
  cart: 'cart',
  order: 'order',
  payment: 'payment',
  checkout: 'checkout',
  notification: 'notification',
} as const;
export type AppId = (typeof APP_IDS)[keyof typeof APP_IDS];

/** Pub/sub topics, defined once for publishers and subscribers. */
export const TOPICS = {
  userRegistered: 'user.registered',
  userDeleted: 'user.deleted',
  orderCreated: 'order.created',
  orderPaid: 'order.paid',
  orderCancelled: 'order.cancelled',
  orderRefunded: 'order.refunded',
  orderShipped: 'order.shipped',
  paymentSucceeded: 'payment.succeeded',
  paymentFailed: 'payment.failed',
  paymentRefunded: 'payment.refunded',
  stockLow: 'stock.low',
  /** Where daprd moves messages a subscriber dropped as poison. */
  deadLetter: 'deadletter',
} as const;
export type Topic = (typeof TOPICS)[keyof typeof TOPICS];

/**
 * Who may publish and who subscribes to each topic: daprd enforces it through the pub/sub
 * component's `publishingScopes` / `subscriptionScopes` (with every topic protected, an app not
 * named may do neither). dapr-components/resources/pubsub.yaml, the chart and the operator render
 * it from the same table; test/delivery/dapr-scopes.test.ts checks it against the code.
 * The dead-letter topic is published by the subscribers' sidecars (daprd moves a message their app
 * dropped as poison there) and read by no service, only by people.
 */
export const TOPIC_ROUTES: Record<
  Topic,
  { publishers: readonly AppId[]; subscribers: readonly AppId[] }
> = {
  'user.registered': { publishers: ['user'], subscribers: [] },
  'user.deleted': { publishers: ['user'], subscribers: ['auth', 'cart'] },
  // notification mails the customer on each step of an order's life.
  'order.created': { publishers: ['order'], subscribers: ['notification'] },
  'order.paid': { publishers: ['order'], subscribers: ['notification'] },
  'order.cancelled': { publishers: ['order'], subscribers: ['notification', 'payment', 'product'] },
  'order.refunded': { publishers: ['order'], subscribers: ['notification'] },
  'order.shipped': { publishers: ['order'], subscribers: ['notification'] },
  'payment.succeeded': { publishers: ['payment'], subscribers: [] },
  'payment.failed': { publishers: ['payment'], subscribers: [] },
  'payment.refunded': { publishers: ['payment'], subscribers: [] },
  'stock.low': { publishers: ['product'], subscribers: [] },
  deadletter: {
    publishers: ['auth', 'cart', 'notification', 'payment', 'product'],
    subscribers: [],
  },
};

/** The apps that load the pub/sub component: every publisher and subscriber of a topic. */
function pubsubApps(): AppId[] {
  const apps = new Set<AppId>();
  for (const route of Object.values(TOPIC_ROUTES)) {
    for (const app of [...route.publishers, ...route.subscribers]) apps.add(app);
  }
  return [...apps].sort();
}

/**
 * Dapr's scoping metadata of the pub/sub component (`app=topic,topic;app=`): an app listed with
 * nothing may publish (or subscribe to) nothing, and `protectedTopics` makes every topic off limits
 * to an app the lists do not name.
 */
export function pubsubScopeMetadata(): {
  allowedTopics: string;
  protectedTopics: string;
  publishingScopes: string;
  subscriptionScopes: string;
} {
  const topics = Object.keys(TOPIC_ROUTES) as Topic[];
  const scope = (side: 'publishers' | 'subscribers') =>
    pubsubApps()
      .map((app) => `${app}=${topics.filter((t) => TOPIC_ROUTES[t][side].includes(app)).join(',')}`)
      .join(';');
  return {
    allowedTopics: topics.join(','),
    protectedTopics: topics.join(','),
    publishingScopes: scope('publishers'),
    subscriptionScopes: scope('subscribers'),
  };
}

/**
 * Which apps load each component (its `scopes`); Dapr loads an unscoped component into every
 * sidecar. Carts are the only state-store data. Locally `secretstore` resolves the Redis address
 * of the other two, so it goes where they go; in Kubernetes no app uses the secrets API and the
 * chart and the operator render no secret store component at all.
 */
export const COMPONENT_SCOPES = {
  statestore: ['cart'],
  pubsub: pubsubApps(),
  localSecretStore: [...new Set<AppId>([...pubsubApps(), 'cart'])].sort(),
  orderSweep: ['order'],
  /** The SMTP output binding: only the notification service sends mail. */
  mail: ['notification'],
} as const satisfies Record<string, readonly AppId[]>;
