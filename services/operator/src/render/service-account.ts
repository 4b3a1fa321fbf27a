import type { KubeObject } from '../k8s/object';
import { mallLabels, ownerReference, workloadName } from '../mall/labels';
import type { MallService } from '../mall/services';
import type { Mall } from '../mall/types';

/**
 * One ServiceAccount per service (`<mall>-<service>`): the pod's identity, which is also its Dapr
 * identity (sentry signs it from the injector's projected token). Bound to no Role, and no API
 * token mounted: neither the app nor daprd calls the Kubernetes API.
 */
export function renderServiceAccount(mall: Mall, service: MallService): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'ServiceAccount',
    metadata: {
      name: workloadName(mall, service.name),
      namespace: mall.metadata.namespace,
      labels: mallLabels(mall, service.name, 'service'),
      ownerReferences: [ownerReference(mall)],
    },
    automountServiceAccountToken: false,
  };
}
