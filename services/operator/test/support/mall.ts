import type { Mall, MallSpec, ServiceSpec } from '../../src/mall/types';
import { SERVICE_NAMES } from '../../src/mall/services';

const defaultService = (): ServiceSpec => ({
  replicas: 1,
  resources: { requests: { cpu: '50m', memory: '128Mi' }, limits: { memory: '256Mi' } },
});

/** A Mall as the API server hands it over: CRD defaults applied. */
export function mallFixture(spec: Partial<MallSpec> = {}, name = 'demo'): Mall {
  return {
    apiVersion: 'gomall.io/v1alpha1',
    kind: 'Mall',
    metadata: { name, namespace: 'shop', uid: 'uid-1', generation: 1, resourceVersion: '7' },
    spec: {
      version: '1.0.0',
      image: { registry: 'registry.example/gomall', pullPolicy: 'IfNotPresent' },
      services: Object.fromEntries(SERVICE_NAMES.map((service) => [service, defaultService()])),
      database: { secretRef: { name: 'mall-db' } },
      redis: { secretRef: { name: 'mall-redis' } },
      jwt: { secretRef: { name: 'mall-jwt' } },
      seedDemoCatalog: false,
      paused: false,
      ...spec,
    },
  };
}
