import { SERVICE_CATALOGUE, TOPICS, type ServiceName } from '@gomall/contracts';

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

const SERVICES = Object.keys(SERVICE_CATALOGUE) as ServiceName[];

/** App ids (= service names) used for service invocation (the contracts' SERVICE_CATALOGUE). */
export const APP_IDS = Object.fromEntries(
  SERVICES.map((name) => [name, SERVICE_CATALOGUE[name].appId]),
) as { readonly [Name in ServiceName]: (typeof SERVICE_CATALOGUE)[Name]['appId'] };
export type AppId = (typeof APP_IDS)[ServiceName];

/** Every pub/sub topic (the contracts' TOPICS), the dead letter included. */
export type Topic = (typeof TOPICS)[keyof typeof TOPICS];

/** The apps whose catalogue entry names `topic` on that side, in name order. */
const appsThat = (side: 'publishes' | 'subscribes', topic: string): AppId[] =>
  SERVICES.filter((name) => (SERVICE_CATALOGUE[name][side] as readonly string[]).includes(topic))
    .map((name) => APP_IDS[name])
    .sort();

/**
 * Who may publish and who subscribes to each topic, from the service catalogue: daprd enforces it
 * through the pub/sub component's `publishingScopes` / `subscriptionScopes` (with every topic
 * protected, an app not named may do neither). dapr-components/resources/pubsub.yaml, the chart
 * and the operator render it from the same table; test/delivery/dapr-scopes.test.ts checks it
 * against the code. The dead-letter topic is published by the subscribers' sidecars (daprd moves a
 * message their app dropped as poison there) and read by no service, only by people.
 */
export const TOPIC_ROUTES: Readonly<Record<Topic, TopicRoute>> = routesByTopic();

interface TopicRoute {
  publishers: readonly AppId[];
  subscribers: readonly AppId[];
}

function routesByTopic(): Record<Topic, TopicRoute> {
  const routes = {} as Record<Topic, TopicRoute>;
  for (const topic of Object.values(TOPICS)) {
    routes[topic] =
      topic === TOPICS.deadLetter
        ? {
            publishers: SERVICES.filter((name) => SERVICE_CATALOGUE[name].subscribes.length > 0)
              .map((name) => APP_IDS[name])
              .sort(),
            subscribers: [],
          }
        : { publishers: appsThat('publishes', topic), subscribers: appsThat('subscribes', topic) };
  }
  return routes;
}

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
