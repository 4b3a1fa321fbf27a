import { hostname } from 'node:os';
import { baseConfigShape, loadConfig, port } from '@gomall/kit';
import { z } from 'zod';

const seconds = (fallback: number) => z.coerce.number().positive().default(fallback);

/** A comma-separated list (empty entries dropped). */
const list = (fallback: string) =>
  z
    .string()
    .default(fallback)
    .transform((value) =>
      value
        .split(',')
        .map((item) => item.trim())
        .filter((item) => item.length > 0),
    );

/** A label selector as `key=value,key=value` (matchLabels), e.g. `kubernetes.io/metadata.name=monitoring`. */
const labels = (fallback: string) =>
  z
    .string()
    .default(fallback)
    .transform((value, ctx) => {
      const selected: Record<string, string> = {};
      for (const pair of value.split(',').filter((item) => item.trim().length > 0)) {
        const [key, label, ...rest] = pair.split('=').map((part) => part.trim());
        if (!key || label === undefined || rest.length > 0) {
          ctx.addIssue({ code: 'custom', message: `not a key=value pair: ${pair}` });
          return z.NEVER;
        }
        selected[key] = label;
      }
      if (Object.keys(selected).length === 0) {
        ctx.addIssue({ code: 'custom', message: 'an empty selector would select everything' });
        return z.NEVER;
      }
      return selected;
    });

const boolean = z
  .enum(['true', 'false'])
  .default('false')
  .transform((value) => value === 'true');

const operatorConfigShape = {
  LOG_LEVEL: baseConfigShape.LOG_LEVEL,
  SHUTDOWN_GRACE_MS: baseConfigShape.SHUTDOWN_GRACE_MS,
  /** /healthz, /readyz, /metrics. */
  PORT: port(8090),
  /** Malls of this namespace only; empty: the operator's own (POD_NAMESPACE). */
  WATCH_NAMESPACE: z.string().default(''),
  /** Opt-in cluster scope: Malls of every namespace (needs the chart's ClusterRole). */
  WATCH_ALL_NAMESPACES: boolean,
  /**
   * What a Mall may name (docs/security.md): image prefixes (`registry/path/`, matched at a path
   * boundary) and Secret names (globs with `*`; `{mall}` stands for the Mall's name). A Mall that
   * names anything else is refused (condition Degraded, reason NotAllowed) and nothing is applied.
   */
  ALLOWED_IMAGE_PREFIXES: list('ghcr.io/gomall/'),
  ALLOWED_SECRETS: list('{mall}-*'),
  /** The NetworkPolicies the operator renders: where the cluster's parts run (matchLabels). */
  INGRESS_NAMESPACE_SELECTOR: labels('kubernetes.io/metadata.name=ingress-nginx'),
  MONITORING_NAMESPACE_SELECTOR: labels('kubernetes.io/metadata.name=monitoring'),
  DAPR_NAMESPACE_SELECTOR: labels('kubernetes.io/metadata.name=dapr-system'),
  DNS_NAMESPACE_SELECTOR: labels('kubernetes.io/metadata.name=kube-system'),
  DNS_POD_SELECTOR: labels('k8s-app=kube-dns'),
  /** Where the leader Lease lives: the operator's own namespace (downward API in the chart). */
  POD_NAMESPACE: z.string().min(1).default('default'),
  /** This replica's identity in the Lease. */
  POD_NAME: z.string().min(1).default(`${hostname()}-${process.pid}`),
  LEASE_NAME: z.string().min(1).default('gomall-operator'),
  LEASE_DURATION_SECONDS: seconds(15),
  RENEW_DEADLINE_SECONDS: seconds(10),
  RETRY_PERIOD_SECONDS: seconds(2),
  /** Every Mall is reconciled at least this often, even without events. */
  RESYNC_SECONDS: seconds(300),
  WORKERS: z.coerce.number().int().min(1).max(16).default(2),
  BACKOFF_BASE_MS: z.coerce.number().int().min(1).default(500),
  BACKOFF_MAX_MS: z.coerce.number().int().min(1).default(60_000),
};

export type OperatorConfig = ReturnType<typeof loadOperatorConfig>;
export const loadOperatorConfig = (env: NodeJS.ProcessEnv = process.env) =>
  loadConfig(operatorConfigShape, env);
