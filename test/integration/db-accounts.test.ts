import mysql from 'mysql2/promise';
import { ALL_SERVICES } from '@gomall/devstack';
import { itEnv } from './support/env';

/**
 * One database account per service, with privileges on its own schema only (tools/devstack):
 * a service's credentials, stolen, open nothing but that service's data.
 */
const running = (process.env.GOMALL_IT_SERVICES?.split(',') ?? [...ALL_SERVICES]).filter((s) =>
  (ALL_SERVICES as readonly string[]).includes(s),
);
const withSchema = running.filter((s) => process.env[`GOMALL_IT_${s.toUpperCase()}_DB_USER`]);
const schemaOf = (service: string) => `${itEnv('DB_PREFIX')}_${service}`;

async function connectAs(service: string): Promise<mysql.Connection> {
  return mysql.createConnection({
    host: '127.0.0.1',
    port: Number(itEnv('DB_PORT')),
    user: itEnv(`${service.toUpperCase()}_DB_USER`),
    password: itEnv(`${service.toUpperCase()}_DB_PASSWORD`),
  });
}

const errorCode = async (work: Promise<unknown>): Promise<string> =>
  work.then(
    () => 'no error',
    (error: { code?: string }) => error.code ?? 'unknown',
  );

describe('database accounts', () => {
  it('every service that owns a schema runs with an account of its own', () => {
    expect(withSchema.length).toBeGreaterThan(0);
    const users = withSchema.map((s) => itEnv(`${s.toUpperCase()}_DB_USER`));
    expect(new Set(users).size).toBe(users.length);
    expect(users).not.toContain('gomall');
    expect(users).not.toContain('root');
  });

  it.each(withSchema)(
    "%s's account reads its own schema and no other (not even its table names)",
    async (service) => {
      const db = await connectAs(service);
      try {
        const [own] = await db.query<mysql.RowDataPacket[]>(
          `SELECT COUNT(*) AS n FROM information_schema.tables WHERE table_schema = ?`,
          [schemaOf(service)],
        );
        expect(Number(own[0]!.n)).toBeGreaterThan(0);
        const [visible] = await db.query<mysql.RowDataPacket[]>('SHOW DATABASES');
        expect(visible.map((r) => r.Database as string).sort()).toEqual(
          ['information_schema', schemaOf(service)].sort(),
        );
        for (const other of withSchema.filter((s) => s !== service)) {
          expect(await errorCode(db.query(`USE \`${schemaOf(other)}\``))).toBe(
            'ER_DBACCESS_DENIED_ERROR',
          );
          // The migrations table every schema has.
          expect(
            await errorCode(db.query(`SELECT * FROM \`${schemaOf(other)}\`.\`SequelizeMeta\``)),
          ).toBe('ER_TABLEACCESS_DENIED_ERROR');
        }
        // No new schemas, no server-wide privileges, no look at the accounts table.
        expect(await errorCode(db.query(`CREATE DATABASE \`${schemaOf('evil')}\``))).toBe(
          'ER_DBACCESS_DENIED_ERROR',
        );
        expect(await errorCode(db.query('SELECT user FROM mysql.user'))).toBe(
          'ER_TABLEACCESS_DENIED_ERROR',
        );
      } finally {
        await db.end();
      }
    },
  );
});
