import {
  APP_IDS,
  checkSidecar,
  createDaprClient,
  createLogger,
  createServiceApp,
  openDatabase,
  ServiceInvoker,
  ServiceMetrics,
  subscriptionRouter,
  type BuiltService,
  type SchemaPlan,
} from '@gomall/kit';
import { OrderClient } from './clients/order-client';
import { UserClient } from './clients/user-client';
import type { NotificationConfig } from './config';
import { migrations } from './data/migrations';
import { OrderNotifier } from './domain/notifier';
import { orderMailSubscriptions } from './events/order-events';
import { DaprMailSender } from './mail/mail-sender';

export const SERVICE = 'notification';

/** The notification service's schema changes, applied on start locally or by the migration Job. */
export const schemaPlan = (): SchemaPlan => ({ migrations });

/** Wiring only: config → clients → domain → subscriptions. It serves no route of its own. */
export async function createNotificationService(config: NotificationConfig): Promise<BuiltService> {
  const logger = createLogger(SERVICE, config.LOG_LEVEL);
  const sequelize = await openDatabase(config, logger, schemaPlan());
  const dapr = createDaprClient(config);
  const users = new UserClient(new ServiceInvoker(dapr, APP_IDS.user));
  const orders = new OrderClient(new ServiceInvoker(dapr, APP_IDS.order));
  const notifier = new OrderNotifier(
    {
      recipient: (userId) => users.contact(userId),
      order: (orderId, userId) => orders.get(orderId, userId),
    },
    new DaprMailSender(dapr, config.MAIL_FROM),
    { name: config.SHOP_NAME, url: config.SHOP_URL },
    logger,
  );

  const service = createServiceApp({
    service: SERVICE,
    appToken: config.APP_API_TOKEN,
    logger,
    metrics: new ServiceMetrics(SERVICE),
    routers: [subscriptionRouter(orderMailSubscriptions(sequelize, notifier), logger)],
    readiness: {
      database: () => sequelize.authenticate(),
      sidecar: () => checkSidecar(config),
    },
  });
  return {
    service,
    logger,
    close: async () => {
      await dapr.stop();
      await sequelize.close();
    },
  };
}
