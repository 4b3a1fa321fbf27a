import { SERVICE_CATALOGUE } from '@gomall/contracts';
import { baseConfigShape, loadConfig, port } from '@gomall/kit';
import { z } from 'zod';
import { securityConfigShape } from './auth/auth-config';

const gatewayConfigShape = {
  ...baseConfigShape,
  // The public entry: the ingress calls it without a Dapr app token (access tokens prove callers).
  APP_API_TOKEN: z.string().optional(),
  PORT: port(SERVICE_CATALOGUE.gateway.port),
  /**
   * A shopper's read (GET) is answered — 503 at worst — within this; its callees get what is left.
   * Reads are safe to retry, so they fail fast when a dependency hangs.
   */
  REQUEST_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(2500),
  /**
   * Writes get longer: a write cut off by its deadline leaves its outcome unknown to the client
   * (it retries with its key), and some are slow on purpose (bcrypt, the checkout saga).
   */
  WRITE_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(15_000),
  ...securityConfigShape,
};

export type GatewayConfig = ReturnType<typeof loadGatewayConfig>;
export const loadGatewayConfig = (env: NodeJS.ProcessEnv = process.env) =>
  loadConfig(gatewayConfigShape, env);
