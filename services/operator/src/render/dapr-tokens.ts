import type { KubeObject } from '../k8s/object';
import { mallLabels, ownerReference } from '../mall/labels';
import type { MallService } from '../mall/services';
import type { Mall } from '../mall/types';
import { apiTokenSecret, appTokenSecret } from './deployment';

/**
 * A service's two Dapr token Secrets (key `token`, see appTokenSecret), as the operator creates
 * them when the Mall's owner has not: without them no pod of the service can start. Rendered
 * without the token itself — rendering is pure; the reconcile step puts a random one in at
 * creation. Deleted with the Mall (owner reference).
 */
export function renderTokenSecrets(mall: Mall, service: MallService): KubeObject[] {
  return [appTokenSecret(mall, service.name), apiTokenSecret(mall, service.name)].map((name) => ({
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: {
      name,
      namespace: mall.metadata.namespace,
      labels: mallLabels(mall, service.name, 'dapr-token'),
      ownerReferences: [ownerReference(mall)],
    },
    type: 'Opaque',
  }));
}
