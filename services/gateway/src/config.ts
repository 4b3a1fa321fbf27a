import { baseConfigShape, loadConfig, port } from '@gomall/kit';
import { z } from 'zod';
import { securityConfigShape } from './auth/auth-config';

export const gatewayConfigShape = {
  ...baseConfigShape,
  // The public entry: the ingress calls it without a Dapr app token (access tokens prove callers).
  APP_API_TOKEN: z.string().optional(),
  PORT: port(8080),
  ...securityConfigShape,
};

export type GatewayConfig = ReturnType<typeof loadGatewayConfig>;
export const loadGatewayConfig = (env: NodeJS.ProcessEnv = process.env) =>
  loadConfig(gatewayConfigShape, env);
