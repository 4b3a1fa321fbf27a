import { baseConfigShape, databaseConfigShape, loadConfig, port } from '@gomall/kit';
import { z } from 'zod';

export const userConfigShape = {
  ...baseConfigShape,
  ...databaseConfigShape,
  PORT: port(8081),
  DB_NAME: z.string().default('gomall_user'),
  /** Local runs migrate on start; in Kubernetes a Helm hook Job migrates before the rollout. */
  DB_MIGRATE_ON_START: z.stringbool().default(true),
  /** bcrypt work factor: 10 costs ~70 ms per hash or check with bcryptjs on this machine. */
  BCRYPT_COST: z.coerce.number().int().min(4).max(15).default(10),
  /** How often events left in the outbox (pub/sub was down) are retried. */
  OUTBOX_RELAY_INTERVAL_MS: z.coerce.number().int().min(100).default(5000),
  /** The first admin, created at start when no user has this email. Empty email: no admin. */
  GOMALL_ADMIN_EMAIL: z.string().default('admin@gomall.local'),
  GOMALL_ADMIN_PASSWORD: z.string().default('gomall-admin-dev-only'),
};

export type UserConfig = ReturnType<typeof loadUserConfig>;
export const loadUserConfig = (env: NodeJS.ProcessEnv = process.env) =>
  loadConfig(userConfigShape, env);
