import { databaseServiceConfigShape, loadConfig, migrationShape } from '@gomall/kit';
import { z } from 'zod';

const notificationConfigShape = {
  ...databaseServiceConfigShape('notification'),
  /** The sender of every mail (`From:`). */
  MAIL_FROM: z.email().default('orders@gomall.test'),
  /** The shop's name and address as the mails show them. */
  SHOP_NAME: z.string().min(1).max(100).default('Gomall'),
  SHOP_URL: z.url().default('http://localhost:8088'),
};

export type NotificationConfig = ReturnType<typeof loadNotificationConfig>;
export const loadNotificationConfig = (env: NodeJS.ProcessEnv = process.env) =>
  loadConfig(notificationConfigShape, env);

/** What the migration Job (migrate.ts) reads: the database settings only. */
export const loadNotificationMigrationConfig = (env: NodeJS.ProcessEnv = process.env) =>
  loadConfig(migrationShape(notificationConfigShape), env);
