import type { Sequelize } from 'sequelize';
import { checkSidecar, type SidecarConfig } from '../dapr/client';
import { DAPR_COMPONENTS } from '../dapr/names';
import { EventPublisher } from '../dapr/pubsub';
import { Outbox, outboxOptions, type OutboxConfig } from './outbox';
import { openDatabase, type SchemaPlan, type ServiceDatabaseConfig } from './service-database';
import type Router from '@koa/router';
import { createServiceApp, type ServiceApp } from '../http/app';
import { ServiceMetrics } from '../http/metrics';
import { createLogger, type Logger } from '../logger';
import type { BuiltService } from '../main';

export type DatabaseServiceConfig = ServiceDatabaseConfig &
  SidecarConfig & { LOG_LEVEL: string; APP_API_TOKEN: string };

/**
 * The start every database-backed service shares, so its app.ts is only its own wiring: the
 * logger and metrics, the database (migrated first when DB_MIGRATE_ON_START), its sidecar, the transactional
 * outbox of a service that publishes, the readiness of database and sidecar, and one close that
 * stops everything in order.
 */
export class DatabaseService {
  private eventOutbox?: Outbox;

  private constructor(
    private readonly name: string,
    private readonly config: DatabaseServiceConfig,
    readonly logger: Logger,
    readonly sequelize: Sequelize,
    readonly metrics: ServiceMetrics,
  ) {}

  static async open(
    name: string,
    config: DatabaseServiceConfig,
    plan: SchemaPlan,
  ): Promise<DatabaseService> {
    const logger = createLogger(name, config.LOG_LEVEL);
    const sequelize = await openDatabase(config, logger, plan);
    return new DatabaseService(name, config, logger, sequelize, new ServiceMetrics(name));
  }

  /** The service's sidecar: its ServiceInvokers and its other sidecar calls (plain HTTP). */
  get sidecar(): SidecarConfig {
    return this.config;
  }

  /**
   * The service's transactional outbox, publishing through its sidecar, observed by its metrics;
   * the relay starts with `serving()`. `inbox`: the same timer prunes the subscribers' inbox.
   */
  outbox(config: OutboxConfig, extra: { inbox?: boolean } = {}): Outbox {
    if (!this.eventOutbox) {
      this.eventOutbox = new Outbox(
        this.sequelize,
        new EventPublisher(this.config, DAPR_COMPONENTS.pubsub),
        this.logger,
        outboxOptions(config, extra),
      );
      this.eventOutbox.observe(this.metrics);
    }
    return this.eventOutbox;
  }

  /** /readyz: the database answers and the sidecar is up. */
  get readiness() {
    return {
      database: () => this.sequelize.authenticate(),
      sidecar: () => checkSidecar(this.config),
    };
  }

  /**
   * The service's app (createServiceApp) behind its app token, with its logger and metrics;
   * readiness is the database's and the sidecar's unless the service names its own checks.
   */
  app(options: { routers: Router[]; readiness?: Record<string, () => Promise<void>> }): ServiceApp {
    return createServiceApp({
      service: this.name,
      appToken: this.config.APP_API_TOKEN,
      logger: this.logger,
      metrics: this.metrics,
      routers: options.routers,
      readiness: options.readiness ?? this.readiness,
    });
  }

  /**
   * What serve() needs. Starts the outbox relay, if there is one; the close runs the service's
   * own closers first (in order), then stops the outbox and the database.
   */
  serving(service: ServiceApp, closers: Array<() => void | Promise<void>> = []): BuiltService {
    this.eventOutbox?.start();
    return {
      service,
      logger: this.logger,
      close: async () => {
        for (const close of closers) await close();
        await this.eventOutbox?.stop();
        await this.sequelize.close();
      },
    };
  }
}
