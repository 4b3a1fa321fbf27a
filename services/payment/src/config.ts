import { SERVICE_CATALOGUE } from '@gomall/contracts';
import {
  baseConfigShape,
  databaseConfigShape,
  outboxConfigShape,
  loadConfig,
  port,
  migrationShape,
} from '@gomall/kit';
import { z } from 'zod';

const paymentConfigShape = {
  ...baseConfigShape,
  ...databaseConfigShape,
  ...outboxConfigShape,
  PORT: port(SERVICE_CATALOGUE.payment.port),
  DB_NAME: z.string().default('gomall_payment'),
  /** Local runs migrate on start; in Kubernetes a Helm hook Job migrates before the rollout. */
  DB_MIGRATE_ON_START: z.stringbool().default(true),
};

export type PaymentConfig = ReturnType<typeof loadPaymentConfig>;
export const loadPaymentConfig = (env: NodeJS.ProcessEnv = process.env) =>
  loadConfig(paymentConfigShape, env);

/** What the migration Job (migrate.ts) reads: the database settings only. */
export const loadPaymentMigrationConfig = (env: NodeJS.ProcessEnv = process.env) =>
  loadConfig(migrationShape(paymentConfigShape), env);
