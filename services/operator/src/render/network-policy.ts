import { COMPONENT_SCOPES } from '@gomall/kit';
import type { KubeObject } from '../k8s/object';
import { LABELS, mallLabels, ownerReference, selectorLabels, workloadName } from '../mall/labels';
import { ALLOWED_CALLS, PUBLIC_SERVICE, servicesOf, STOREFRONT_SERVICE } from '../mall/services';
import type { EgressTarget, Mall } from '../mall/types';
import { DAPR_METRICS_PORT, OPS_PORT } from './deployment';
import { MIGRATION_POD } from './migration-job';

type Labels = Record<string, string>;

/** Where the cluster's parts run (operator configuration), as namespace/pod matchLabels. */
export interface ClusterNetwork {
  ingressNamespaces: Labels;
  monitoringNamespaces: Labels;
  daprNamespaces: Labels;
  dnsNamespaces: Labels;
  dnsPods: Labels;
}

export const DEFAULT_CLUSTER_NETWORK: ClusterNetwork = {
  ingressNamespaces: { 'kubernetes.io/metadata.name': 'ingress-nginx' },
  monitoringNamespaces: { 'kubernetes.io/metadata.name': 'monitoring' },
  daprNamespaces: { 'kubernetes.io/metadata.name': 'dapr-system' },
  dnsNamespaces: { 'kubernetes.io/metadata.name': 'kube-system' },
  dnsPods: { 'k8s-app': 'kube-dns' },
};

/** daprd → daprd service invocation (Dapr's internal gRPC port). */
const DAPR_INTERNAL_PORT = 50002;
/**
 * The Dapr 1.16 control plane, by pod port (a policy sees the port after the Service): sentry
 * (identity certificates), operator (Components, Configurations), placement and scheduler.
 */
const DAPR_CONTROL_PLANE_PORTS = [50001, 6500, 50005, 50006];
const DEFAULT_PORTS = { database: 3306, redis: 6379 };

const tcp = (port: number) => ({ port, protocol: 'TCP' });

/** Who talks to Redis: the apps with their own client and those that load a Redis component. */
const redisClients = (mall: Mall): string[] => {
  const viaDapr: readonly string[] = [...COMPONENT_SCOPES.statestore, ...COMPONENT_SCOPES.pubsub];
  return servicesOf(mall)
    .filter((service) => service.redis || viaDapr.includes(service.name))
    .map((service) => service.name);
};

/** Pods of this Mall by app.kubernetes.io/name. */
const mallPods = (mall: Mall, names: string[]) => ({
  podSelector: {
    matchLabels: { [LABELS.instance]: mall.metadata.name },
    matchExpressions: [{ key: LABELS.name, operator: 'In', values: [...names].sort() }],
  },
});

const dnsRule = (network: ClusterNetwork) => ({
  to: [
    {
      namespaceSelector: { matchLabels: network.dnsNamespaces },
      podSelector: { matchLabels: network.dnsPods },
    },
  ],
  ports: [
    { port: 53, protocol: 'UDP' },
    { port: 53, protocol: 'TCP' },
  ],
});

/** To MariaDB or Redis by CIDR; without CIDRs to its port on any address. */
function storeRule(target: EgressTarget | undefined, defaultPort: number) {
  const ports = [tcp(target?.port ?? defaultPort)];
  const cidrs = target?.cidrs ?? [];
  return cidrs.length ? { to: cidrs.map((cidr) => ({ ipBlock: { cidr } })), ports } : { ports };
}

function policy(
  mall: Mall,
  name: string,
  component: string,
  podSelector: { matchLabels: Labels },
  rules: { ingress?: unknown[]; egress?: unknown[] },
): KubeObject {
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: {
      name,
      namespace: mall.metadata.namespace,
      labels: mallLabels(mall, component, 'network'),
      ownerReferences: [ownerReference(mall)],
    },
    spec: {
      podSelector,
      policyTypes: ['Ingress', 'Egress'],
      ...(rules.ingress?.length ? { ingress: rules.ingress } : {}),
      ...(rules.egress?.length ? { egress: rules.egress } : {}),
    },
  };
}

/**
 * The Mall's NetworkPolicies, the same design as charts/gomall (docs/security.md): a default deny
 * of ingress and egress for every pod of the Mall, then per service exactly its flows — the
 * ingress controller to the public ports, daprd → daprd from each caller to its callees
 * (ALLOWED_CALLS), monitoring to the ops and daprd metrics ports; egress to DNS, the Dapr control
 * plane, Redis (its own client or a Redis component in scope) and (with a schema) MariaDB. No pod reaches an app port: daprd talks to its app
 * over localhost. The migration Job's pods reach DNS and MariaDB only.
 */
export function renderNetworkPolicies(mall: Mall, network: ClusterNetwork): KubeObject[] {
  const running = servicesOf(mall).map((service) => service.name);
  const publicServices = mall.spec.ingress
    ? [PUBLIC_SERVICE, STOREFRONT_SERVICE].filter((name) => running.includes(name))
    : [];
  const egress = mall.spec.egress;
  const database = storeRule(egress?.database, DEFAULT_PORTS.database);
  const redis = storeRule(egress?.redis, DEFAULT_PORTS.redis);
  const usesRedis = redisClients(mall);

  const perService = servicesOf(mall).map((service) => {
    const callers = running.filter((caller) => ALLOWED_CALLS[caller]?.includes(service.name));
    const callees = (ALLOWED_CALLS[service.name] ?? []).filter((callee) =>
      running.includes(callee),
    );
    const ingress = [
      ...(publicServices.includes(service.name)
        ? [
            {
              from: [{ namespaceSelector: { matchLabels: network.ingressNamespaces } }],
              ports: [tcp(service.port)],
            },
          ]
        : []),
      ...(callers.length
        ? [{ from: [mallPods(mall, callers)], ports: [tcp(DAPR_INTERNAL_PORT)] }]
        : []),
      {
        from: [{ namespaceSelector: { matchLabels: network.monitoringNamespaces } }],
        ports: [tcp(OPS_PORT), tcp(DAPR_METRICS_PORT)],
      },
    ];
    const rules = [
      dnsRule(network),
      {
        to: [{ namespaceSelector: { matchLabels: network.daprNamespaces } }],
        ports: DAPR_CONTROL_PLANE_PORTS.map(tcp),
      },
      ...(callees.length
        ? [{ to: [mallPods(mall, callees)], ports: [tcp(DAPR_INTERNAL_PORT)] }]
        : []),
      ...(usesRedis.includes(service.name) ? [redis] : []),
      ...(service.database ? [database] : []),
    ];
    return policy(
      mall,
      workloadName(mall, service.name),
      service.name,
      { matchLabels: selectorLabels(mall, service.name) },
      { ingress, egress: rules },
    );
  });

  return [
    policy(
      mall,
      `${mall.metadata.name}-default-deny`,
      'default-deny',
      { matchLabels: { [LABELS.mall]: mall.metadata.name } },
      {},
    ),
    ...perService,
    policy(
      mall,
      `${mall.metadata.name}-${MIGRATION_POD}`,
      MIGRATION_POD,
      { matchLabels: { [LABELS.instance]: mall.metadata.name, [LABELS.name]: MIGRATION_POD } },
      { egress: [dnsRule(network), database] },
    ),
  ];
}
