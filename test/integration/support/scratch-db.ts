import { randomBytes } from 'node:crypto';
import { createSequelize, ensureSchema, type DatabaseConfig } from '@gomall/kit/db';
import type { Sequelize } from 'sequelize';
import { itEnv } from './env';

/** The run's MariaDB as the kit's pools see it (same timeouts and session settings). */
export const scratchDbConfig = (): DatabaseConfig => ({
  DB_HOST: '127.0.0.1',
  DB_PORT: Number(itEnv('DB_PORT')),
  DB_USER: 'gomall',
  DB_PASSWORD: 'gomall',
  DB_POOL_MAX: 5,
});

/**
 * A schema of the test's own in the run's MariaDB (for kit-level tests: outbox, idempotency), and
 * `count` independent pools on it — as many replicas of a service would have.
 */
export async function scratchSchema(
  label: string,
  count = 1,
): Promise<{ schema: string; pools: Sequelize[]; close(): Promise<void> }> {
  const schema = `${itEnv('DB_PREFIX')}_${label}_${randomBytes(3).toString('hex')}`;
  await ensureSchema(scratchDbConfig(), schema);
  const pools = Array.from({ length: count }, () => createSequelize(scratchDbConfig(), schema));
  return {
    schema,
    pools,
    close: async () => {
      await pools[0]!.query(`DROP DATABASE \`${schema}\``);
      await Promise.all(pools.map((pool) => pool.close()));
    },
  };
}
