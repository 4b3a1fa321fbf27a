import type { V1IngressSpec } from '@kubernetes/client-node';
import type { KubeObject } from '../k8s/object';
import { mallLabels, ownerReference, workloadName } from '../mall/labels';
import { MALL_SERVICES, PUBLIC_SERVICE, servicesOf, STOREFRONT_SERVICE } from '../mall/services';
import type { Mall } from '../mall/types';

const ingressName = (mall: Mall): string => mall.metadata.name;

/** Shoppers reach the gateway (and the storefront, when the Mall has one) at `spec.ingress.host`. */
export function renderIngress(mall: Mall): KubeObject | undefined {
  const ingress = mall.spec.ingress;
  if (!ingress) return undefined;
  const gateway = MALL_SERVICES.find((service) => service.name === PUBLIC_SERVICE);
  if (!gateway) throw new Error('the gateway is missing from MALL_SERVICES');
  const backend = (service: string) => ({
    service: { name: workloadName(mall, service), port: { name: 'http' } },
  });
  // With the storefront, shop and API share the origin: /api to the gateway, the rest to web.
  const storefront = servicesOf(mall).some((service) => service.name === STOREFRONT_SERVICE);
  const paths = storefront
    ? [
        { path: '/api', pathType: 'Prefix', backend: backend(PUBLIC_SERVICE) },
        { path: '/', pathType: 'Prefix', backend: backend(STOREFRONT_SERVICE) },
      ]
    : [{ path: '/', pathType: 'Prefix', backend: backend(PUBLIC_SERVICE) }];
  const spec: V1IngressSpec = { rules: [{ host: ingress.host, http: { paths } }] };
  if (ingress.className) spec.ingressClassName = ingress.className;
  if (ingress.tlsSecretName) {
    spec.tls = [{ hosts: [ingress.host], secretName: ingress.tlsSecretName }];
  }
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'Ingress',
    metadata: {
      name: ingressName(mall),
      namespace: mall.metadata.namespace,
      labels: mallLabels(mall, PUBLIC_SERVICE, 'ingress'),
      ownerReferences: [ownerReference(mall)],
    },
    spec,
  };
}
