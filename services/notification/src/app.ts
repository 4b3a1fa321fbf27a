import { APP_IDS, ServiceInvoker, subscriptionRouter, type BuiltService } from '@gomall/kit';
import { DatabaseService, type SchemaPlan } from '@gomall/kit/db';
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
  const base = await DatabaseService.open(SERVICE, config, schemaPlan());
  const { logger, sequelize, sidecar } = base;
  const users = new UserClient(new ServiceInvoker(sidecar, APP_IDS.user));
  const orders = new OrderClient(new ServiceInvoker(sidecar, APP_IDS.order));
  const notifier = new OrderNotifier(
    {
      recipient: (userId) => users.contact(userId),
      order: (orderId, userId) => orders.get(orderId, userId),
    },
    new DaprMailSender(sidecar, config.MAIL_FROM),
    { name: config.SHOP_NAME, url: config.SHOP_URL },
    logger,
  );

  const service = base.app({
    routers: [subscriptionRouter(orderMailSubscriptions(sequelize, notifier), logger)],
  });
  return base.serving(service);
}
