// `@gomall/kit/db`: what a service that owns a MariaDB schema needs (Sequelize, migrations, the
// outbox, the inbox, idempotent requests, the audit trail). A separate entry so the services
// without a database (gateway, cart, web) never load Sequelize, mysql2 and umzug: about 22 MB of
// resident memory each. Tracing first, as in the kit's index: it must hook mysql2 before it loads.
import '../tracing/register';

export * from './database';
export * from './inbox';
export * from './idempotency';
export * from './outbox';
export * from './audit';
export * from './audit-routes';
export * from './service-database';
export * from './database-service';
export * from './migration-job';
