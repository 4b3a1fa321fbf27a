import { SERVICE_CATALOGUE } from '@gomall/contracts';
import {
  baseConfigShape,
  databaseConfigShape,
  loadConfig,
  migrationShape,
  port,
} from '@gomall/kit';
import { z } from 'zod';

const notificationConfigShape = {
  ...baseConfigShape,
  ...databaseConfigShape,
  PORT: port(SERVICE_CATALOGUE.notification.port),
  DB_NAME: z.string().default('gomall_notification'),
  /** Local runs migrate on start; in Kubernetes a Helm hook Job migrates before the rollout. */
  DB_MIGRATE_ON_START: z.stringbool().default(true),
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
