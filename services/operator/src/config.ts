import { hostname } from 'node:os';
import { baseConfigShape, loadConfig, port } from '@gomall/kit';
import { z } from 'zod';

const seconds = (fallback: number) => z.coerce.number().positive().default(fallback);

export const operatorConfigShape = {
  LOG_LEVEL: baseConfigShape.LOG_LEVEL,
  SHUTDOWN_GRACE_MS: baseConfigShape.SHUTDOWN_GRACE_MS,
  /** /healthz, /readyz, /metrics. */
  PORT: port(8090),
  /** Malls of this namespace only; empty: every namespace (the chart's default). */
  WATCH_NAMESPACE: z.string().default(''),
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
