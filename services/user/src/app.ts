import { accountEmailSchema } from '@gomall/contracts';
import { type BuiltService } from '@gomall/kit';
import { DatabaseService, IdempotentRequests, type SchemaPlan } from '@gomall/kit/db';
import type { UserConfig } from './config';
import { migrations } from './data/migrations';
import { AdminUserRepository } from './data/admin-user-repository';
import { AuditLogRepository } from './data/audit-log-repository';
import { defineModels } from './data/models';
import { UserRepository } from './data/user-repository';
import { Accounts } from './domain/accounts';
import { AdminUsers } from './domain/admin-users';
import { PasswordHasher } from './domain/passwords';
import { adminUserRoutes } from './routes/admin-user-routes';
import { userRoutes } from './routes/user-routes';

export const SERVICE = 'user';

/** What serve() needs: the app, its logger, and what to close on shutdown. */
export type UserService = BuiltService;

/** The user service's schema changes, applied on start locally or by the migration Job. */
export const schemaPlan = (): SchemaPlan => ({ migrations });

/** Wiring only: config → data → domain → routes. */
export async function createUserService(config: UserConfig): Promise<UserService> {
  const base = await DatabaseService.open(SERVICE, config, schemaPlan());
  const { logger, sequelize } = base;
  const { User, Audit } = defineModels(sequelize);
  const outbox = base.outbox(config);
  const requests = new IdempotentRequests(sequelize);
  const stopPruning = requests.startPruning(config.IDEMPOTENCY_RETENTION_HOURS, logger);
  const accounts = new Accounts({
    users: new UserRepository(User),
    outbox,
    requests,
    passwords: new PasswordHasher(config.BCRYPT_COST),
  });
  const adminUsers = new AdminUsers({
    users: new AdminUserRepository(User),
    audit: new AuditLogRepository(Audit),
    inTransaction: (work) => sequelize.transaction(work),
  });
  if (config.GOMALL_ADMIN_EMAIL !== '') {
    await accounts.ensureAdmin(
      accountEmailSchema.parse(config.GOMALL_ADMIN_EMAIL),
      config.GOMALL_ADMIN_PASSWORD,
      logger,
    );
  }

  const service = base.app({
    routers: [userRoutes(accounts), adminUserRoutes(adminUsers)],
  });
  return base.serving(service, [stopPruning]);
}
