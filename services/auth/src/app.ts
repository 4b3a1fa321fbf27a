import {
  APP_IDS,
  ServiceInvoker,
  subscriptionRouter,
  redisTimeouts,
  type BuiltService,
} from '@gomall/kit';
import { DatabaseService, IdempotentRequests, type SchemaPlan } from '@gomall/kit/db';
import { Redis } from 'ioredis';
import { UserClient } from './clients/user-client';
import type { AuthConfig } from './config';
import { migrations } from './data/migrations';
import { defineModels } from './data/models';
import { RevocationList } from './data/revocation-list';
import { startSessionPurge } from './data/session-purge';
import { SessionRepository } from './data/session-repository';
import { Sessions } from './domain/sessions';
import { AccessTokenIssuer } from './domain/tokens';
import { userDeletedSubscription } from './events/user-deleted';
import { authRoutes } from './routes/auth-routes';

export const SERVICE = 'auth';

/** What serve() needs: the app, its logger, and what to close on shutdown. */
export type AuthService = BuiltService;

/** The auth service's schema changes, applied on start locally or by the migration Job. */
export const schemaPlan = (): SchemaPlan => ({ migrations });

/** Wiring only: config → data → domain → routes and subscriptions. */
export async function createAuthService(config: AuthConfig): Promise<AuthService> {
  const base = await DatabaseService.open(SERVICE, config, schemaPlan());
  const { logger, sequelize } = base;
  const redis = new Redis(config.REDIS_URL, {
    lazyConnect: true,
    maxRetriesPerRequest: 2,
    ...redisTimeouts(config),
  });
  redis.on('error', (error) => logger.warn({ err: error }, 'redis connection error'));
  await redis.connect();

  const repository = new SessionRepository(sequelize, defineModels(sequelize));
  const stopPurge = startSessionPurge(repository, config.SESSION_PURGE_INTERVAL_MS, logger);
  const requests = new IdempotentRequests(sequelize);
  const stopPruning = requests.startPruning(config.IDEMPOTENCY_RETENTION_HOURS, logger);
  const sessions = new Sessions(
    new UserClient(new ServiceInvoker(config, APP_IDS.user)),
    repository,
    requests,
    new RevocationList(redis, config.ACCESS_TOKEN_TTL_SEC),
    new AccessTokenIssuer({
      keys: config.JWT_KEYS,
      currentKid: config.JWT_CURRENT_KID,
      issuer: config.JWT_ISSUER,
      audience: config.JWT_AUDIENCE,
      ttlSec: config.ACCESS_TOKEN_TTL_SEC,
    }),
    config.REFRESH_TOKEN_TTL_SEC,
    config.SESSION_MAX_AGE_SEC,
  );

  const service = base.app({
    routers: [
      authRoutes(sessions),
      subscriptionRouter([userDeletedSubscription(sessions)], logger),
    ],
    readiness: {
      database: base.readiness.database,
      revocationList: async () => {
        await redis.ping();
      },
      sidecar: base.readiness.sidecar,
    },
  });
  return base.serving(service, [stopPurge, stopPruning, () => redis.disconnect()]);
}
