import { existsSync, readFileSync } from 'node:fs';
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
  // Mails customers about their orders (through the SMTP sink, Mailpit, locally).
  'notification',
] as const;
export type ServiceName = (typeof ALL_SERVICES)[number];

/** The services this checkout has (a service joins the stack when its folder exists). */
export function presentServices(repoRoot: string): ServiceName[] {
  return ALL_SERVICES.filter((name) =>
    existsSync(join(repoRoot, 'services', name, 'src', 'index.ts')),
  );
}

/** Services that own a schema (they have a migrate entry): each gets a database user of its own. */
export function usesDatabase(repoRoot: string, service: string): boolean {
  return existsSync(join(repoRoot, 'services', service, 'src', 'migrate.ts'));
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
  /** The trace backend's collector, UI and query API (Zipkin). */
  zipkin: number;
  /** The SMTP sink (Mailpit): its SMTP port, and its web view and API. */
  smtp: number;
  mailView: number;
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

/**
 * The local mall's ports: documented defaults, each group movable by one variable. All of them lie
 * below Linux's ephemeral range (32768–60999 by default), where the kernel picks the source ports
 * of outgoing connections: daprd's usual 50001/50101 there were taken by the apps' own connections
 * to MariaDB and Redis often enough that a second `npm start` failed to bind.
 */
export function defaultPortPlan(services: readonly string[]): PortPlan {
  const app = envPort('GOMALL_APP_PORT_BASE', 8080);
  const ops = envPort('GOMALL_OPS_PORT_BASE', 9080);
  const http = envPort('GOMALL_DAPR_HTTP_PORT_BASE', 3500);
  const grpc = envPort('GOMALL_DAPR_GRPC_PORT_BASE', 4001);
  const internal = envPort('GOMALL_DAPR_INTERNAL_GRPC_PORT_BASE', 4101);
  const metrics = envPort('GOMALL_DAPR_METRICS_PORT_BASE', 9190);
  const plan: PortPlan = {
    db: envPort('GOMALL_DB_PORT', 3307),
    redis: envPort('GOMALL_REDIS_PORT', 6380),
    zipkin: envPort('GOMALL_ZIPKIN_PORT', 9411),
    smtp: envPort('GOMALL_SMTP_PORT', 1025),
    mailView: envPort('GOMALL_MAIL_VIEW_PORT', 8025),
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

export interface PlannedPort {
  name: string;
  port: number;
}

/** Every port of a plan, named (`mariadb`, `checkout`, `checkout-daprd-grpc` …). */
export function plannedPorts(plan: PortPlan): PlannedPort[] {
  const ports: PlannedPort[] = [
    { name: 'mariadb', port: plan.db },
    { name: 'redis', port: plan.redis },
    { name: 'zipkin', port: plan.zipkin },
    { name: 'mailpit-smtp', port: plan.smtp },
    { name: 'mailpit', port: plan.mailView },
  ];
  for (const [service, p] of Object.entries(plan.services)) {
    ports.push(
      { name: service, port: p.app },
      { name: `${service}-ops`, port: p.ops },
      { name: `${service}-daprd-http`, port: p.daprHttp },
      { name: `${service}-daprd-grpc`, port: p.daprGrpc },
      { name: `${service}-daprd-internal-grpc`, port: p.daprInternalGrpc },
      { name: `${service}-daprd-metrics`, port: p.daprMetrics },
    );
  }
  return ports;
}

/** Linux's range for the source ports of outgoing connections, if this machine says. */
export function ephemeralPortRange(
  file = '/proc/sys/net/ipv4/ip_local_port_range',
): [number, number] | undefined {
  try {
    const [low, high] = readFileSync(file, 'utf8').trim().split(/\s+/).map(Number);
    if (Number.isInteger(low) && Number.isInteger(high)) return [low as number, high as number];
  } catch {
    // not Linux, or /proc is not mounted
  }
  return undefined;
}

/** The planned ports that the kernel may hand out to some connection before we bind them. */
export function portsInRange(plan: PortPlan, range: [number, number]): PlannedPort[] {
  return plannedPorts(plan).filter(({ port }) => port >= range[0] && port <= range[1]);
}
