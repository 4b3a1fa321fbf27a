/**
 * NetworkPolicies read back as flat, comparable flows: one string per (rule, peer), e.g.
 * `order <- pods(checkout,gateway) :50002/TCP` or `auth -> ns(kubernetes.io/metadata.name=kube-system)
 * pods(k8s-app=kube-dns) :53/UDP,53/TCP`. A rule without peers reads `any`, one without ports
 * `:all`, so a too-wide rule shows up as such instead of hiding in the YAML.
 */
interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: { key: string; operator: string; values?: string[] }[];
}
interface Peer {
  podSelector?: LabelSelector;
  namespaceSelector?: LabelSelector;
  ipBlock?: { cidr: string; except?: string[] };
}
interface Rule {
  from?: Peer[];
  to?: Peer[];
  ports?: { port?: number | string; protocol?: string; endPort?: number }[];
}
/** A NetworkPolicy as rendered or as read back (only its spec is read). */
export interface PolicyObject {
  metadata: { name: string };
  spec?: unknown;
}
export interface PolicySpec {
  podSelector: LabelSelector;
  policyTypes?: string[];
  ingress?: Rule[];
  egress?: Rule[];
}

const NAME = 'app.kubernetes.io/name';

function describeSelector(selector: LabelSelector, ignore: string[] = []): string {
  const parts: string[] = [];
  for (const [key, value] of Object.entries(selector.matchLabels ?? {})) {
    if (!ignore.includes(key)) parts.push(`${key}=${value}`);
  }
  for (const expression of selector.matchExpressions ?? []) {
    const values = [...(expression.values ?? [])].sort().join(',');
    parts.push(
      expression.key === NAME && expression.operator === 'In'
        ? values
        : `${expression.key} ${expression.operator} ${values}`,
    );
  }
  return parts.sort().join(' ');
}

/** Pods of the same release are named by app.kubernetes.io/name alone. */
function describePeer(peer: Peer, instanceLabel: string): string {
  if (peer.ipBlock) return `cidr(${peer.ipBlock.cidr})`;
  const parts: string[] = [];
  if (peer.namespaceSelector) parts.push(`ns(${describeSelector(peer.namespaceSelector)})`);
  if (peer.podSelector) {
    const inRelease = !peer.namespaceSelector && peer.podSelector.matchLabels?.[instanceLabel];
    parts.push(`pods(${describeSelector(peer.podSelector, inRelease ? [instanceLabel] : [])})`);
  }
  return parts.join(' ');
}

const describePorts = (rule: Rule): string =>
  rule.ports?.length
    ? rule.ports.map((p) => `${p.port ?? 'all'}/${p.protocol ?? 'TCP'}`).join(',')
    : 'all';

/** What a policy selects: a service by name, or `*` for every pod of the release. */
export function subjectOf(policy: PolicyObject): string {
  const selector = (policy.spec as PolicySpec).podSelector;
  return selector.matchLabels?.[NAME] ?? '*';
}

export function flowsOf(
  policies: PolicyObject[],
  instanceLabel = 'app.kubernetes.io/instance',
): string[] {
  const flows: string[] = [];
  for (const policy of policies) {
    const spec = policy.spec as PolicySpec;
    const subject = subjectOf(policy);
    for (const rule of spec.ingress ?? []) {
      for (const peer of rule.from?.length ? rule.from : [undefined]) {
        const from = peer ? describePeer(peer, instanceLabel) : 'any';
        flows.push(`${subject} <- ${from} :${describePorts(rule)}`);
      }
    }
    for (const rule of spec.egress ?? []) {
      for (const peer of rule.to?.length ? rule.to : [undefined]) {
        const to = peer ? describePeer(peer, instanceLabel) : 'any';
        flows.push(`${subject} -> ${to} :${describePorts(rule)}`);
      }
    }
  }
  return flows.sort();
}

export interface MallTopology {
  services: string[];
  /** caller → callees (Dapr access control). */
  calls: Record<string, string[]>;
  appPorts: Record<string, number>;
  /** Services with a schema of their own. */
  database: string[];
  /** Services that talk to Redis (own client, or a Redis component in their scope). */
  redis: string[];
  /** What the ingress controller reaches. */
  publicServices: string[];
  opsPort: number;
  ingressNamespace: string;
  monitoringNamespace: string;
  daprNamespace: string;
  /** Peers as flowsOf describes them. */
  redisPeer: string;
  redisPort: number;
  databasePeer: string;
  databasePort: number;
  /** The services that send mail, and the SMTP server as flowsOf describes it. */
  smtp?: { services: string[]; peer: string; port: number };
  /** A pod (by name) allowed to probe the gateway's ops port, e.g. the `helm test` Pod. */
  gatewayProbe?: string;
}

const ns = (name: string) => `ns(kubernetes.io/metadata.name=${name})`;
export const DNS_PEER = `${ns('kube-system')} pods(k8s-app=kube-dns)`;

/**
 * The flows the design allows for each service pod (docs/security.md), derived from the
 * topology, not from the templates: what a rendered set must equal exactly.
 */
export function expectedServiceFlows(t: MallTopology): string[] {
  const flows: string[] = [];
  const running = (names: string[]) => names.filter((name) => t.services.includes(name)).sort();
  for (const service of t.services) {
    if (t.publicServices.includes(service)) {
      flows.push(`${service} <- ${ns(t.ingressNamespace)} :${t.appPorts[service]}/TCP`);
    }
    const callers = running(
      Object.keys(t.calls).filter((caller) => t.calls[caller]!.includes(service)),
    );
    if (callers.length) flows.push(`${service} <- pods(${callers.join(',')}) :50002/TCP`);
    flows.push(`${service} <- ${ns(t.monitoringNamespace)} :${t.opsPort}/TCP,9090/TCP`);
    if (service === 'gateway' && t.gatewayProbe) {
      flows.push(`${service} <- pods(${t.gatewayProbe}) :${t.opsPort}/TCP`);
    }
    flows.push(`${service} -> ${DNS_PEER} :53/UDP,53/TCP`);
    flows.push(`${service} -> ${ns(t.daprNamespace)} :50001/TCP,6500/TCP,50005/TCP,50006/TCP`);
    const callees = running(t.calls[service] ?? []);
    if (callees.length) flows.push(`${service} -> pods(${callees.join(',')}) :50002/TCP`);
    if (t.redis.includes(service)) flows.push(`${service} -> ${t.redisPeer} :${t.redisPort}/TCP`);
    if (t.database.includes(service)) {
      flows.push(`${service} -> ${t.databasePeer} :${t.databasePort}/TCP`);
    }
    if (t.smtp?.services.includes(service)) {
      flows.push(`${service} -> ${t.smtp.peer} :${t.smtp.port}/TCP`);
    }
  }
  return flows.sort();
}
