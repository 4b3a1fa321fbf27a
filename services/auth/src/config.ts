import {
  databaseServiceConfigShape,
  redisConfigShape,
  loadConfig,
  DEV_SIGNING_KEYS,
  signingKeysSchema,
  usesDevSigningKey,
  migrationShape,
  refuseInProduction,
} from '@gomall/kit';
import { idempotencyConfigShape } from '@gomall/kit/db';
import { z } from 'zod';

const authConfigShape = {
  ...databaseServiceConfigShape('auth'),
  ...idempotencyConfigShape,
  /** The revocation list the gateway checks on every request (see data/revocation-list.ts). */
  REDIS_URL: z.string().default('redis://127.0.0.1:6380'),
  ...redisConfigShape,
  JWT_KEYS: signingKeysSchema.default(DEV_SIGNING_KEYS),
  JWT_CURRENT_KID: z.string().default('dev-1'),
  NODE_ENV: z.string().default('development'),
  JWT_ISSUER: z.string().min(1).default('gomall-auth'),
  JWT_AUDIENCE: z.string().min(1).default('gomall-api'),
  ACCESS_TOKEN_TTL_SEC: z.coerce.number().int().min(10).max(86_400).default(900),
  REFRESH_TOKEN_TTL_SEC: z.coerce
    .number()
    .int()
    .min(60)
    .default(7 * 86_400),
  /** A login's absolute lifetime: refreshing never extends a session beyond it (30 days). */
  SESSION_MAX_AGE_SEC: z.coerce
    .number()
    .int()
    .min(60)
    .default(30 * 86_400),
  /** How often expired refresh tokens and empty logins are deleted. */
  SESSION_PURGE_INTERVAL_MS: z.coerce
    .number()
    .int()
    .min(100)
    .default(60 * 60 * 1000),
};

export type AuthConfig = ReturnType<typeof loadAuthConfig>;
export function loadAuthConfig(env: NodeJS.ProcessEnv = process.env) {
  const config = loadConfig(authConfigShape, env);
  // Anyone can read the dev key in this repository; a production start refuses it.
  refuseInProduction(config, [
    [usesDevSigningKey(config.JWT_KEYS), 'JWT_KEYS holds the development key'],
  ]);
  if (!(config.JWT_CURRENT_KID in config.JWT_KEYS)) {
    throw new Error('Invalid configuration: JWT_CURRENT_KID is not a key of JWT_KEYS');
  }
  return config;
}

/** What the migration Job (migrate.ts) reads: the database settings only. */
export const loadAuthMigrationConfig = (env: NodeJS.ProcessEnv = process.env) =>
  loadConfig(migrationShape(authConfigShape), env);
