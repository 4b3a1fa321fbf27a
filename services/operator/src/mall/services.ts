import type { Mall } from './types';

/**
 * The services a Mall runs, with what each needs from the cluster. Ports are each service's own
 * default PORT (services/<name>/src/config.ts), so a pod listens where it would locally; the app id
 * is the service name, as the services invoke each other by it (APP_IDS in @gomall/kit).
 */
export interface MallService {
  name: string;
  port: number;
  /** Has its own schema: gets DB_* env and runs `node dist/migrate.js` in the migration Job. */
  database: boolean;
  /** Talks to Redis directly (rate limits, revocation list), beyond Dapr's components. */
  redis: boolean;
  /** Signs or verifies access tokens. */
  jwt: 'sign' | 'verify' | false;
}

export const MALL_SERVICES: readonly MallService[] = [
  { name: 'gateway', port: 8080, database: false, redis: true, jwt: 'verify' },
  { name: 'user', port: 8081, database: true, redis: false, jwt: false },
  { name: 'auth', port: 8082, database: true, redis: true, jwt: 'sign' },
  { name: 'product', port: 8083, database: true, redis: false, jwt: false },
  { name: 'cart', port: 8084, database: false, redis: false, jwt: false },
  { name: 'order', port: 8085, database: true, redis: false, jwt: false },
  { name: 'payment', port: 8086, database: true, redis: false, jwt: false },
  { name: 'checkout', port: 8087, database: true, redis: false, jwt: false },
  // The storefront: shop pages and a backend-for-frontend calling the gateway through Dapr.
  { name: 'web', port: 8088, database: false, redis: false, jwt: false },
];

/** The storefront signs its cookies with keys of its own, so it runs only when a Mall names them. */
export const STOREFRONT_SERVICE = 'web';

/** The services this Mall runs: all of them, the storefront only with `spec.storefront`. */
export const servicesOf = (mall: Pick<Mall, 'spec'>): MallService[] =>
  MALL_SERVICES.filter(
    (service) => service.name !== STOREFRONT_SERVICE || mall.spec.storefront !== undefined,
  );

export const SERVICE_NAMES = MALL_SERVICES.map((service) => service.name);

/**
 * The keys the referenced Secrets must hold: the same names as charts/gomall's `existingSecret`s,
 * so one set of Secrets serves a Helm release or a Mall.
 */
export const SECRET_KEYS = {
  dbHost: 'db-host',
  dbPort: 'db-port',
  dbUser: 'db-user',
  dbPassword: 'db-password',
  redisHost: 'redis-host',
  redisPassword: 'redis-password',
  redisUrl: 'redis-url',
  jwtKeys: 'jwt-keys',
  jwtCurrentKid: 'jwt-current-kid',
  adminEmail: 'admin-email',
  adminPassword: 'admin-password',
  cookieKeys: 'cookie-keys',
} as const;

/**
 * Service invocation each caller makes (docs/internal-api.md); the callee's Dapr access control
 * denies everything else. The same list as charts/gomall's `dapr.accessControl.calls`.
 */
export const ALLOWED_CALLS: Readonly<Record<string, readonly string[]>> = {
  gateway: ['user', 'auth', 'product', 'cart', 'order', 'checkout'],
  auth: ['user'],
  cart: ['product'],
  checkout: ['cart', 'order', 'payment', 'product'],
  order: ['payment', 'product'],
  payment: ['order'],
  web: ['gateway'],
};

/** The callers allowed to invoke `callee`. */
export const callersOf = (callee: string): string[] =>
  Object.entries(ALLOWED_CALLS)
    .filter(([, callees]) => callees.includes(callee))
    .map(([caller]) => caller);

/** The service the Ingress routes to (`/api` only, when the storefront serves the rest). */
export const PUBLIC_SERVICE = 'gateway';
