import { SERVICE_CATALOGUE, type ServiceName } from '@gomall/contracts';
import { z } from 'zod';

/**
 * Typed configuration from environment variables. Every variable has a local default so that
 * `npm start` needs no set-up; deployments override them (see README "Configuration"). A default
 * anyone can read in this repository is marked with devDefault(): with NODE_ENV=production,
 * loadConfig() refuses to start on it.
 */
export const port = (fallback: number) =>
  z.coerce.number().int().min(1).max(65535).default(fallback);

const DEV_DEFAULT = 'gomall:dev-default';

/** A default for local development only: refused when NODE_ENV=production. */
const devDefault = <T extends z.ZodType>(schema: T, value: z.input<T>) =>
  schema.default(value as never).describe(DEV_DEFAULT);

/** The Dapr app token of a local run started without one (devstack always gives a random one). */
export const DEV_APP_API_TOKEN = 'gomall-dev-only-app-api-token-not-for-production';

export const baseConfigShape = {
  NODE_ENV: z.string().default('development'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  DAPR_HOST: z.string().default('127.0.0.1'),
  DAPR_HTTP_PORT: port(3500),
  /**
   * The token daprd presents on every call to this app (`dapr-api-token`); requests without it are
   * refused (Dapr's app API token: `APP_API_TOKEN` on daprd, `dapr.io/app-token-secret` in k8s).
   */
  // Refused in production by serve() (not here: a migration Job serves nothing and has no token).
  APP_API_TOKEN: z.string().min(16).default(DEV_APP_API_TOKEN),
  /** The token this app presents to its own sidecar (daprd's `DAPR_API_TOKEN`); empty: none. */
  DAPR_API_TOKEN: z.string().default(''),
  /** /healthz, /readyz and /metrics listen here, never on PORT. Default: PORT + 1000. */
  OPS_PORT: z.coerce.number().int().min(1).max(65535).optional(),
  /** How long a graceful shutdown waits for in-flight requests before closing anyway. */
  SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).default(10_000),
};

export const databaseConfigShape = {
  DB_HOST: z.string().default('127.0.0.1'),
  DB_PORT: port(3307),
  DB_USER: devDefault(z.string().min(1), 'gomall'),
  DB_PASSWORD: devDefault(z.string(), 'gomall'),
  DB_POOL_MAX: z.coerce.number().int().min(1).max(100).default(10),
  DB_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(5000),
  DB_CONNECT_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(2000),
};

/**
 * What every database-backed service's configuration starts with: the base settings, its database
 * account, its default PORT (the service catalogue's), its own schema `gomall_<service>`.
 */
export const databaseServiceConfigShape = <Service extends ServiceName>(service: Service) => ({
  ...baseConfigShape,
  ...databaseConfigShape,
  PORT: port(SERVICE_CATALOGUE[service].port),
  DB_NAME: z.string().default(`gomall_${service}`),
  /** Local runs migrate on start; in Kubernetes a Helm hook Job migrates before the rollout. */
  DB_MIGRATE_ON_START: z.stringbool().default(true),
});

/**
 * Production refuses development defaults: with NODE_ENV=production, the first refusal whose
 * condition holds stops the start (`Invalid configuration: <why>`); elsewhere nothing is checked.
 * The one place every service (and loadConfig, and serve()) says what production will not run on.
 */
export function refuseInProduction(
  config: { NODE_ENV?: string | undefined },
  refusals: ReadonlyArray<readonly [refused: boolean, why: string]>,
): void {
  if (config.NODE_ENV !== 'production') return;
  const refusal = refusals.find(([refused]) => refused);
  if (refusal) throw new Error(`Invalid configuration: ${refusal[1]}`);
}

/** A service must not answer on the public development app token in production. */
export function assertServingConfig(config: { NODE_ENV?: string; APP_API_TOKEN?: string }): void {
  refuseInProduction(config, [
    [
      config.APP_API_TOKEN === DEV_APP_API_TOKEN,
      'NODE_ENV=production needs APP_API_TOKEN (its own)',
    ],
  ]);
}

/** The ops port of a service: OPS_PORT, else PORT + 1000. */
export const opsPortOf = (config: { PORT: number; OPS_PORT?: number | undefined }): number =>
  config.OPS_PORT ?? config.PORT + 1000;
/** Redis clients (ioredis): a hung Redis fails a command after this instead of never. */
export const redisConfigShape = {
  REDIS_CONNECT_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(2000),
  REDIS_COMMAND_TIMEOUT_MS: z.coerce.number().int().min(50).max(60_000).default(1000),
};

/** ioredis options for those deadlines. */
export const redisTimeouts = (config: {
  REDIS_CONNECT_TIMEOUT_MS: number;
  REDIS_COMMAND_TIMEOUT_MS: number;
}) => ({
  connectTimeout: config.REDIS_CONNECT_TIMEOUT_MS,
  commandTimeout: config.REDIS_COMMAND_TIMEOUT_MS,
});

export function loadConfig<Shape extends z.ZodRawShape>(
  shape: Shape,
  env: NodeJS.ProcessEnv = process.env,
): z.infer<z.ZodObject<Shape>> {
  const parsed = z.object(shape).safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid configuration: ${problems.join('; ')}`);
  }
  // A missing variable would fall back to a value published in this repository.
  const missing = Object.entries(shape)
    .filter(
      ([name, schema]) =>
        (schema as { description?: string }).description === DEV_DEFAULT && env[name] === undefined,
    )
    .map(([name]) => name);
  // Redis holds rate limits and the revocation list: production never talks to it without AUTH.
  const redisUrl = (parsed.data as { REDIS_URL?: unknown }).REDIS_URL;
  refuseInProduction(env, [
    [
      missing.length > 0,
      `NODE_ENV=production needs ${missing.join(', ')} (the development defaults are public)`,
    ],
    [
      typeof redisUrl === 'string' && !redisPassword(redisUrl),
      'NODE_ENV=production needs a password in REDIS_URL',
    ],
  ]);
  return parsed.data;
}

type MigrationKey<Shape> = Extract<keyof Shape, 'LOG_LEVEL' | `DB_${string}`>;

/**
 * The part of a service's configuration its migration Job reads: LOG_LEVEL, the DB_* settings and
 * the extra keys named. A Job gets only the database environment, so it must not validate the
 * rest (a production image would refuse the development JWT key or admin it never uses).
 */
export function migrationShape<Shape extends z.ZodRawShape, Extra extends keyof Shape = never>(
  shape: Shape,
  extra: readonly Extra[] = [],
): Pick<Shape, MigrationKey<Shape> | Extra> {
  const keep = (key: string) =>
    key === 'LOG_LEVEL' || key.startsWith('DB_') || (extra as readonly string[]).includes(key);
  return Object.fromEntries(Object.entries(shape).filter(([key]) => keep(key))) as Pick<
    Shape,
    MigrationKey<Shape> | Extra
  >;
}

function redisPassword(url: string): string {
  try {
    return new URL(url).password;
  } catch {
    return '';
  }
}
