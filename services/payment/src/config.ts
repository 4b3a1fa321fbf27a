import { databaseServiceConfigShape, loadConfig, migrationShape } from '@gomall/kit';
import { outboxConfigShape } from '@gomall/kit/db';

const paymentConfigShape = {
  ...databaseServiceConfigShape('payment'),
  ...outboxConfigShape,
};

export type PaymentConfig = ReturnType<typeof loadPaymentConfig>;
export const loadPaymentConfig = (env: NodeJS.ProcessEnv = process.env) =>
  loadConfig(paymentConfigShape, env);

/** What the migration Job (migrate.ts) reads: the database settings only. */
export const loadPaymentMigrationConfig = (env: NodeJS.ProcessEnv = process.env) =>
  loadConfig(migrationShape(paymentConfigShape), env);
