import { baseConfigShape, loadConfig, port } from '@gomall/kit';
import { securityConfigShape } from './auth/auth-config';

export const gatewayConfigShape = {
  ...baseConfigShape,
  PORT: port(8080),
  ...securityConfigShape,
};

export type GatewayConfig = ReturnType<typeof loadGatewayConfig>;
export const loadGatewayConfig = (env: NodeJS.ProcessEnv = process.env) =>
  loadConfig(gatewayConfigShape, env);
