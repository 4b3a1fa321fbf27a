import type { V1ServiceSpec } from '@kubernetes/client-node';
import type { KubeObject } from '../k8s/object';
import { mallLabels, ownerReference, selectorLabels, workloadName } from '../mall/labels';
import type { MallService } from '../mall/services';
import type { Mall } from '../mall/types';
import { OPS_PORT } from './deployment';

/** A ClusterIP Service per workload: the Ingress backend and the scrape target of its pods. */
export function renderService(mall: Mall, service: MallService): KubeObject {
  const spec: V1ServiceSpec = {
    type: 'ClusterIP',
    selector: selectorLabels(mall, service.name),
    ports: [
      { name: 'http', port: service.port, targetPort: 'http', protocol: 'TCP' },
      // The scrape target (/metrics); API traffic goes through the sidecars, never this port.
      { name: 'ops', port: OPS_PORT, targetPort: 'ops', protocol: 'TCP' },
    ],
  };
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: {
      name: workloadName(mall, service.name),
      namespace: mall.metadata.namespace,
      labels: mallLabels(mall, service.name, 'service'),
      ownerReferences: [ownerReference(mall)],
    },
    spec,
  };
}
