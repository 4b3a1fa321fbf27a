import { DAPR_COMPONENTS } from '@gomall/kit';
import type { KubeObject } from '../k8s/object';
import { mallLabels, ownerReference } from '../mall/labels';
import type { Mall } from '../mall/types';

/**
 * The Dapr resources of a Mall. Component names are the ones the code uses (DAPR_COMPONENTS) and
 * dapr-components/ uses locally, so they are fixed: one Mall per namespace.
 */
export const DAPR_API_VERSION = 'dapr.io/v1alpha1';
export const DAPR_CONFIGURATION = 'gomall-config';

const redisConnection = (mall: Mall) => [
  { name: 'redisHost', secretKeyRef: { name: mall.spec.redis.secretRef.name, key: 'host' } },
  {
    name: 'redisPassword',
    secretKeyRef: { name: mall.spec.redis.secretRef.name, key: 'password' },
  },
];

function component(mall: Mall, name: string, spec: Record<string, unknown>): KubeObject {
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
  };
}

export function renderDaprComponents(mall: Mall): KubeObject[] {
  return [
    component(mall, DAPR_COMPONENTS.stateStore, {
      type: 'state.redis',
      version: 'v1',
      metadata: [...redisConnection(mall), { name: 'actorStateStore', value: 'false' }],
    }),
    component(mall, DAPR_COMPONENTS.pubsub, {
      type: 'pubsub.redis',
      version: 'v1',
      // As dapr-components/resources/pubsub.yaml: redelivery of messages a crashed consumer held.
      metadata: [
        ...redisConnection(mall),
        { name: 'processingTimeout', value: '30s' },
        { name: 'redeliverInterval', value: '10s' },
        { name: 'maxLenApprox', value: '100000' },
      ],
    }),
    component(mall, DAPR_COMPONENTS.secretStore, {
      type: 'secretstores.kubernetes',
      version: 'v1',
      metadata: [],
    }),
  ];
}

export function renderDaprConfiguration(mall: Mall): KubeObject {
  return {
    apiVersion: DAPR_API_VERSION,
    kind: 'Configuration',
    metadata: {
      name: DAPR_CONFIGURATION,
      namespace: mall.metadata.namespace,
      labels: mallLabels(mall, DAPR_CONFIGURATION, 'dapr'),
      ownerReferences: [ownerReference(mall)],
    },
    spec: {
      metric: { enabled: true },
      tracing: { samplingRate: '0' },
    },
  };
}
