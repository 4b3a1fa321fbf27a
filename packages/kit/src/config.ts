import { z } from 'zod';

/**
 * Typed configuration from environment variables. Every variable has a local default so that
 * `npm start` needs no set-up; deployments override them (see README "Configuration").
 */
export const port = (fallback: number) =>
  z.coerce.number().int().min(1).max(65535).default(fallback);

export const baseConfigShape = {
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  DAPR_HOST: z.string().default('127.0.0.1'),
  DAPR_HTTP_PORT: port(3500),
  /** How long a graceful shutdown waits for in-flight requests before closing anyway. */
  SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).default(10_000),
};

export const databaseConfigShape = {
  DB_HOST: z.string().default('127.0.0.1'),
  DB_PORT: port(3307),
  DB_USER: z.string().default('gomall'),
  DB_PASSWORD: z.string().default('gomall'),
  DB_POOL_MAX: z.coerce.number().int().min(1).max(100).default(10),
};

export function loadConfig<Shape extends z.ZodRawShape>(
  shape: Shape,
  env: NodeJS.ProcessEnv = process.env,
): z.infer<z.ZodObject<Shape>> {
  const parsed = z.object(shape).safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid configuration: ${problems.join('; ')}`);
  }
  return parsed.data;
}
