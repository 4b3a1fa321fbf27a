import { baseConfigShape, loadConfig, port } from '@gomall/kit';

export const gatewayConfigShape = {
  ...baseConfigShape,
  PORT: port(8080),
};

export type GatewayConfig = ReturnType<typeof loadGatewayConfig>;
export const loadGatewayConfig = (env: NodeJS.ProcessEnv = process.env) =>
  loadConfig(gatewayConfigShape, env);
