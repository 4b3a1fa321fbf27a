import { existsSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Every service of the mall, in a fixed order that also fixes their default ports: the service at
 * index i listens on APP_PORT_BASE + i (its ops port OPS_PORT_BASE + i) and its sidecar on
 * DAPR_HTTP_PORT_BASE + i. (The operator
 * is not part of a local mall: it runs against a Kubernetes API server.)
 */
export const ALL_SERVICES = [
  'gateway',
  'user',
  'auth',
  'product',
  'cart',
  'order',
  'payment',
  'checkout',
  // The storefront: pages at http://localhost:8088/, the public API through its sidecar.
  'web',
] as const;
export type ServiceName = (typeof ALL_SERVICES)[number];

/** The services this checkout has (a service joins the stack when its folder exists). */
export function presentServices(repoRoot: string): ServiceName[] {
  return ALL_SERVICES.filter((name) =>
    existsSync(join(repoRoot, 'services', name, 'src', 'index.ts')),
  );
}

export interface ServicePorts {
  app: number;
  /** /healthz, /readyz, /metrics (the app's OPS_PORT). */
  ops: number;
  daprHttp: number;
  daprGrpc: number;
  daprInternalGrpc: number;
  daprMetrics: number;
}

export interface PortPlan {
  db: number;
  redis: number;
  services: Record<string, ServicePorts>;
}

const envPort = (name: string, fallback: number): number => {
  const value = process.env[name];
  if (value === undefined || value === '') return fallback;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 1 || parsed > 65535) {
    throw new Error(`${name} must be a port number, got "${value}"`);
  }
  return parsed;
};

/** The local mall's ports: documented defaults, each group movable by one variable. */
export function defaultPortPlan(services: readonly string[]): PortPlan {
  const app = envPort('GOMALL_APP_PORT_BASE', 8080);
  const ops = envPort('GOMALL_OPS_PORT_BASE', 9080);
  const http = envPort('GOMALL_DAPR_HTTP_PORT_BASE', 3500);
  const grpc = envPort('GOMALL_DAPR_GRPC_PORT_BASE', 50001);
  const internal = envPort('GOMALL_DAPR_INTERNAL_GRPC_PORT_BASE', 50101);
  const metrics = envPort('GOMALL_DAPR_METRICS_PORT_BASE', 9190);
  const plan: PortPlan = {
    db: envPort('GOMALL_DB_PORT', 3307),
    redis: envPort('GOMALL_REDIS_PORT', 6380),
    services: {},
  };
  for (const name of services) {
    const i = ALL_SERVICES.indexOf(name as ServiceName);
    if (i < 0) throw new Error(`Unknown service ${name}`);
    plan.services[name] = {
      app: app + i,
      ops: ops + i,
      daprHttp: http + i,
      daprGrpc: grpc + i,
      daprInternalGrpc: internal + i,
      daprMetrics: metrics + i,
    };
  }
  return plan;
}
