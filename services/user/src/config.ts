import {
  databaseServiceConfigShape,
  loadConfig,
  migrationShape,
  refuseInProduction,
} from '@gomall/kit';
import { outboxConfigShape, idempotencyConfigShape } from '@gomall/kit/db';
import { z } from 'zod';

/** Only for local runs and tests. */
const DEV_ADMIN_PASSWORD = 'gomall-admin-dev-only';

const userConfigShape = {
  ...databaseServiceConfigShape('user'),
  ...outboxConfigShape,
  ...idempotencyConfigShape,
  /** bcrypt work factor: 10 costs ~70 ms per hash or check with bcryptjs on this machine. */
  BCRYPT_COST: z.coerce.number().int().min(4).max(15).default(10),
  /** The first admin, created at start when no user has this email. Empty email: no admin. */
  GOMALL_ADMIN_EMAIL: z.string().default('admin@gomall.local'),
  GOMALL_ADMIN_PASSWORD: z.string().default(DEV_ADMIN_PASSWORD),
  NODE_ENV: z.string().default('development'),
};

export type UserConfig = ReturnType<typeof loadUserConfig>;
export function loadUserConfig(env: NodeJS.ProcessEnv = process.env) {
  const config = loadConfig(userConfigShape, env);
  // The dev default would make a well-known admin password; a production start refuses it.
  refuseInProduction(config, [
    [
      config.GOMALL_ADMIN_EMAIL !== '' && config.GOMALL_ADMIN_PASSWORD === DEV_ADMIN_PASSWORD,
      'set GOMALL_ADMIN_PASSWORD (or an empty GOMALL_ADMIN_EMAIL)',
    ],
  ]);
  return config;
}

/** What the migration Job (migrate.ts) reads: the database settings only. */
export const loadUserMigrationConfig = (env: NodeJS.ProcessEnv = process.env) =>
  loadConfig(migrationShape(userConfigShape), env);
