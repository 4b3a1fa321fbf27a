import { MALL_API_VERSION, MALL_KIND, type Mall } from './types';

/** Every object the operator creates carries these; its informers select on MANAGED_BY. */
const MANAGED_BY = 'gomall-operator';
export const LABELS = {
  name: 'app.kubernetes.io/name',
  instance: 'app.kubernetes.io/instance',
  component: 'app.kubernetes.io/component',
  partOf: 'app.kubernetes.io/part-of',
  managedBy: 'app.kubernetes.io/managed-by',
  version: 'app.kubernetes.io/version',
  mall: 'gomall.io/mall',
} as const;

export const MANAGED_SELECTOR = `${LABELS.managedBy}=${MANAGED_BY}`;

export function mallLabels(mall: Mall, name: string, component: string): Record<string, string> {
  return {
    [LABELS.name]: name,
    [LABELS.instance]: mall.metadata.name,
    [LABELS.component]: component,
    [LABELS.partOf]: 'gomall',
    [LABELS.managedBy]: MANAGED_BY,
    [LABELS.mall]: mall.metadata.name,
  };
}

/** The immutable Deployment selector: never include labels that change between versions. */
export function selectorLabels(mall: Mall, service: string): Record<string, string> {
  return { [LABELS.name]: service, [LABELS.instance]: mall.metadata.name };
}

export interface OwnerReference {
  apiVersion: string;
  kind: string;
  name: string;
  uid: string;
  controller: boolean;
  blockOwnerDeletion: boolean;
}

/** Makes the Mall the controller of a child, so garbage collection removes it with the Mall. */
export function ownerReference(mall: Mall): OwnerReference {
  return {
    apiVersion: MALL_API_VERSION,
    kind: MALL_KIND,
    name: mall.metadata.name,
    uid: mall.metadata.uid,
    controller: true,
    blockOwnerDeletion: true,
  };
}

/** `<mall>-<service>`: Deployments, Services and their pods. */
export const workloadName = (mall: Mall, service: string): string =>
  `${mall.metadata.name}-${service}`;
