import { COMPONENT_SCOPES, DAPR_COMPONENTS, pubsubScopeMetadata } from '@gomall/kit';
import type { KubeObject } from '../k8s/object';
import { mallLabels, ownerReference, workloadName } from '../mall/labels';
import { callersOf, SECRET_KEYS, servicesOf } from '../mall/services';
import type { Mall } from '../mall/types';

/**
 * The Dapr resources of a Mall. Component names are the ones the code uses (DAPR_COMPONENTS) and
 * dapr-components/ uses locally, so they are fixed: one Mall per namespace.
 */
const DAPR_API_VERSION = 'dapr.io/v1alpha1';

const redisConnection = (mall: Mall) => [
  {
    name: 'redisHost',
    secretKeyRef: { name: mall.spec.redis.secretRef.name, key: SECRET_KEYS.redisHost },
  },
  {
    name: 'redisPassword',
    secretKeyRef: { name: mall.spec.redis.secretRef.name, key: SECRET_KEYS.redisPassword },
  },
];

/** `scopes`: only these apps load the component (Dapr loads an unscoped one into every sidecar). */
function component(
  mall: Mall,
  name: string,
  spec: Record<string, unknown>,
  scopes: readonly string[],
): KubeObject {
  return {
    apiVersion: DAPR_API_VERSION,
    kind: 'Component',
    metadata: {
      name,
      namespace: mall.metadata.namespace,
      labels: mallLabels(mall, name, 'dapr'),
      ownerReferences: [ownerReference(mall)],
    },
    spec,
    // Component secret references are read from Kubernetes Secrets of the Mall's namespace.
    auth: { secretStore: 'kubernetes' },
    scopes: [...scopes],
  };
}

/**
 * The state store (carts) and pub/sub, as charts/gomall renders them. No secret store component:
 * no app uses the Dapr secrets API (the Dapr operator resolves the components' own references).
 */
export function renderDaprComponents(mall: Mall): KubeObject[] {
  const topicScopes = pubsubScopeMetadata();
  return [
    component(
      mall,
      DAPR_COMPONENTS.stateStore,
      {
        type: 'state.redis',
        version: 'v1',
        metadata: [...redisConnection(mall), { name: 'actorStateStore', value: 'false' }],
      },
      COMPONENT_SCOPES.statestore,
    ),
    component(
      mall,
      DAPR_COMPONENTS.pubsub,
      {
        type: 'pubsub.redis',
        version: 'v1',
        // As dapr-components/resources/pubsub.yaml: redelivery of messages a crashed consumer
        // held, and who may publish and subscribe to each topic (TOPIC_ROUTES).
        metadata: [
          ...redisConnection(mall),
          { name: 'processingTimeout', value: '30s' },
          { name: 'redeliverInterval', value: '10s' },
          { name: 'maxLenApprox', value: '100000' },
          ...Object.entries(topicScopes).map(([name, value]) => ({ name, value })),
        ],
      },
      COMPONENT_SCOPES.pubsub,
    ),
  ];
}

/** Dapr's access-control trust domain, as in charts/gomall. */
const TRUST_DOMAIN = 'public';

/** Each sidecar's Configuration (its `dapr.io/config`): `<mall>-<service>`, as charts/gomall names it. */
export const daprConfigurationName = (mall: Mall, service: string): string =>
  workloadName(mall, service);

/**
 * One Configuration per service: metrics, and access control on the callee side that denies every
 * service invocation except from the callers the design has (ALLOWED_CALLS). mTLS is not set here:
 * Dapr's CRD then demands the control plane's trust domain and sentry address, which belong to the
 * cluster-wide `daprsystem` Configuration (mTLS is on by default there).
 */
export function renderDaprConfigurations(mall: Mall): KubeObject[] {
  const running = servicesOf(mall).map((service) => service.name);
  return servicesOf(mall).map((service) => {
    const name = daprConfigurationName(mall, service.name);
    return {
      apiVersion: DAPR_API_VERSION,
      kind: 'Configuration',
      metadata: {
        name,
        namespace: mall.metadata.namespace,
        labels: mallLabels(mall, service.name, 'dapr'),
        ownerReferences: [ownerReference(mall)],
      },
      spec: {
        metric: { enabled: true },
        tracing: { samplingRate: '0' },
        accessControl: {
          defaultAction: 'deny',
          trustDomain: TRUST_DOMAIN,
          policies: callersOf(service.name)
            .filter((caller) => running.includes(caller))
            .map((caller) => ({
              appId: caller,
              defaultAction: 'allow',
              trustDomain: TRUST_DOMAIN,
              namespace: mall.metadata.namespace,
            })),
        },
      },
    };
  });
}
