import { baseConfigShape, loadConfig, port } from '@gomall/kit';
import { z } from 'zod';
import { securityConfigShape } from './auth/auth-config';

export const gatewayConfigShape = {
  ...baseConfigShape,
  // The public entry: the ingress calls it without a Dapr app token (access tokens prove callers).
  APP_API_TOKEN: z.string().optional(),
  PORT: port(8080),
  /** A shopper's request is answered (503 at worst) within this; its callees get what is left. */
  REQUEST_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(2500),
  /** Checkout runs a saga of several calls, so it gets longer. */
  CHECKOUT_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(10_000),
  ...securityConfigShape,
};

export type GatewayConfig = ReturnType<typeof loadGatewayConfig>;
export const loadGatewayConfig = (env: NodeJS.ProcessEnv = process.env) =>
  loadConfig(gatewayConfigShape, env);
