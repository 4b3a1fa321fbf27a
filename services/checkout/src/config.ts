import {
  databaseServiceConfigShape,
  loadConfig,
  migrationShape,
  refuseInProduction,
} from '@gomall/kit';
import { z } from 'zod';
import { STEP_IDS } from './saga/step-ids';

const checkoutConfigShape = {
  ...databaseServiceConfigShape('checkout'),
  /**
   * How long a duplicate request (same user and Idempotency-Key) waits for the first one's answer.
   * Kept well under the 15 s budget of a write (the gateway's WRITE_TIMEOUT_MS, Dapr's invocation
   * timeout) so the gateway gets our answer, not a timeout.
   */
  IDEMPOTENCY_WAIT_MS: z.coerce.number().int().min(0).max(60_000).default(4000),
  /**
   * A saga run's lease (in the database's clock). Longer than the worst step (a call's 15 s
   * deadline) and renewed every third of it while a step runs, so only a run that stopped (a
   * crash, a frozen process) ever loses its saga to recovery.
   */
  SAGA_LEASE_MS: z.coerce.number().int().min(100).max(600_000).default(45_000),
  /** Runs a saga gets (the first included) before it parks as `stuck` for an admin to retry. */
  SAGA_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(100).default(5),
  /** The audit reports a saga still unfinished this long after it started (stuck ones always). */
  AUDIT_SAGA_DEADLINE_SECONDS: z.coerce.number().int().min(1).default(600),
  /** The audit reports an outbox event still unpublished this long after it was written. */
  AUDIT_OUTBOX_DEADLINE_SECONDS: z.coerce.number().int().min(1).max(86_400).default(120),
  /** A reservation without a pending order is reported once older than this. */
  AUDIT_RESERVATION_GRACE_SECONDS: z.coerce.number().int().min(0).default(120),
  /** How often the recovery sweep looks for sagas whose owner stopped (crashed) mid-way. */
  RECOVERY_INTERVAL_MS: z.coerce.number().int().min(100).max(600_000).default(2000),
  /**
   * Fault injection for the crash-recovery test, off unless set: the process exits hard right
   * after this saga step is recorded (see README). `GOMALL_FAULT_CRASH_USER` limits it to one user.
   */
  GOMALL_FAULT_CRASH_AFTER: z.enum(STEP_IDS).optional(),
  GOMALL_FAULT_CRASH_USER: z.string().min(1).optional(),
};

export type CheckoutConfig = ReturnType<typeof loadCheckoutConfig>;
export const loadCheckoutConfig = (env: NodeJS.ProcessEnv = process.env) => {
  const config = loadConfig(checkoutConfigShape, env);
  // A switch that kills the process mid-checkout has no business in production.
  refuseInProduction(config, [
    [
      config.GOMALL_FAULT_CRASH_AFTER !== undefined,
      'GOMALL_FAULT_CRASH_AFTER is refused in production',
    ],
  ]);
  return config;
};

/** What the migration Job (migrate.ts) reads: the database settings only. */
export const loadCheckoutMigrationConfig = (env: NodeJS.ProcessEnv = process.env) =>
  loadConfig(migrationShape(checkoutConfigShape), env);
