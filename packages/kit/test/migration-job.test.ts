import { forMigration } from '../src/db/migration-job';

const serviceSettings = {
  DB_HOST: 'db',
  DB_PORT: 3306,
  DB_USER: 'order',
  DB_PASSWORD: 'secret',
  DB_POOL_MAX: 10,
  DB_NAME: 'gomall_order',
  DB_MIGRATE_ON_START: false,
};

describe('forMigration', () => {
  it("gives a migration Job longer limits than a request's: 10 s to connect, 10 min a statement", () => {
    const settings = forMigration({
      ...serviceSettings,
      DB_CONNECT_TIMEOUT_MS: 2000,
      DB_STATEMENT_TIMEOUT_MS: 5000,
    });
    expect(settings).toEqual({
      ...serviceSettings,
      DB_CONNECT_TIMEOUT_MS: 10_000,
      DB_STATEMENT_TIMEOUT_MS: 600_000,
    });
  });

  it('keeps limits configured longer still, and fills in unset ones', () => {
    expect(forMigration({ ...serviceSettings, DB_CONNECT_TIMEOUT_MS: 30_000 })).toMatchObject({
      DB_CONNECT_TIMEOUT_MS: 30_000,
      DB_STATEMENT_TIMEOUT_MS: 600_000,
    });
  });
});
