import type { KubeObject } from './object';

/** The kinds the operator reads and writes, with what it takes to build their REST paths. */
export interface ResourceType {
  apiVersion: string;
  kind: string;
  plural: string;
}

export const RESOURCES = {
  mall: { apiVersion: 'gomall.io/v1alpha1', kind: 'Mall', plural: 'malls' },
  deployment: { apiVersion: 'apps/v1', kind: 'Deployment', plural: 'deployments' },
  service: { apiVersion: 'v1', kind: 'Service', plural: 'services' },
  job: { apiVersion: 'batch/v1', kind: 'Job', plural: 'jobs' },
  ingress: { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', plural: 'ingresses' },
  serviceAccount: { apiVersion: 'v1', kind: 'ServiceAccount', plural: 'serviceaccounts' },
  // Created only (the Dapr token Secrets): the operator neither reads nor watches Secrets.
  secret: { apiVersion: 'v1', kind: 'Secret', plural: 'secrets' },
  networkPolicy: {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    plural: 'networkpolicies',
  },
  component: { apiVersion: 'dapr.io/v1alpha1', kind: 'Component', plural: 'components' },
  configuration: {
    apiVersion: 'dapr.io/v1alpha1',
    kind: 'Configuration',
    plural: 'configurations',
  },
  lease: { apiVersion: 'coordination.k8s.io/v1', kind: 'Lease', plural: 'leases' },
} as const satisfies Record<string, ResourceType>;

/** The kinds a Mall owns, in the order they are reconciled. */
export const CHILD_RESOURCES: readonly ResourceType[] = [
  RESOURCES.networkPolicy,
  RESOURCES.serviceAccount,
  RESOURCES.configuration,
  RESOURCES.component,
  RESOURCES.job,
  RESOURCES.deployment,
  RESOURCES.service,
  RESOURCES.ingress,
];

const groupPath = (apiVersion: string): string =>
  apiVersion.includes('/') ? `/apis/${apiVersion}` : `/api/${apiVersion}`;

/** `/apis/apps/v1/namespaces/shop/deployments`, or across namespaces without one. */
export function collectionPath(resource: ResourceType, namespace?: string): string {
  const base = groupPath(resource.apiVersion);
  return namespace
    ? `${base}/namespaces/${encodeURIComponent(namespace)}/${resource.plural}`
    : `${base}/${resource.plural}`;
}

export function objectPath(
  resource: ResourceType,
  namespace: string,
  name: string,
  subresource?: 'status',
): string {
  const path = `${collectionPath(resource, namespace)}/${encodeURIComponent(name)}`;
  return subresource ? `${path}/${subresource}` : path;
}

export function resourceOf(object: Pick<KubeObject, 'apiVersion' | 'kind'>): ResourceType {
  const found = Object.values(RESOURCES).find(
    (resource) => resource.apiVersion === object.apiVersion && resource.kind === object.kind,
  );
  if (!found) throw new Error(`The operator does not manage ${object.apiVersion} ${object.kind}`);
  return found;
}
