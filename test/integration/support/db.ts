import mysql from 'mysql2/promise';
import { itEnv } from './env';

/** A direct connection to one service's schema in the run's MariaDB, for arranging and asserting. */
export async function withSchema<T>(
  service: string,
  fn: (db: mysql.Connection) => Promise<T>,
): Promise<T> {
  const db = await mysql.createConnection({
    host: '127.0.0.1',
    port: Number(itEnv('DB_PORT')),
    user: 'gomall',
    password: 'gomall',
    database: `${itEnv('DB_PREFIX')}_${service}`,
  });
  try {
    return await fn(db);
  } finally {
    await db.end();
  }
}
