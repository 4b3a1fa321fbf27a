import { itEnv } from './env';
import { request, type ApiResponse, type RequestOptions } from './http';

export interface Identity {
  userId?: string;
  roles?: string[];
}

const upper = (service: string) => service.toUpperCase();

/**
 * A request to one service's own sidecar (daprd's HTTP API), as that service makes it: with the
 * sidecar's DAPR_API_TOKEN, without which daprd refuses the call.
 */
export function viaSidecar<T = unknown>(
  service: string,
  path: string,
  options: RequestOptions = {},
): Promise<ApiResponse<T>> {
  return request<T>(
    path,
    {
      ...options,
      headers: { 'dapr-api-token': itEnv(`${upper(service)}_DAPR_TOKEN`), ...options.headers },
    },
    itEnv(`${upper(service)}_DAPR_URL`),
  );
}

/** Publishes an event through one service's sidecar, as that service would. */
export const publishAs = (service: string, topic: string, body: unknown) =>
  viaSidecar(service, `/v1.0/publish/pubsub/${topic}`, { body });

/** A service's ops port (/healthz, /readyz, /metrics). */
export const opsUrl = (service: string): string => itEnv(`${upper(service)}_OPS_URL`);

/**
 * Calls a service the way another service does: through a sidecar's service invocation (here the
 * gateway's sidecar), with the identity headers the gateway sets after verifying a token.
 */
export function invoke<T = unknown>(
  appId: string,
  path: string,
  options: RequestOptions & { as?: Identity } = {},
): Promise<ApiResponse<T>> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.as?.userId) headers['x-gomall-user-id'] = options.as.userId;
  if (options.as?.roles) headers['x-gomall-user-roles'] = options.as.roles.join(',');
  return viaSidecar<T>('gateway', `/v1.0/invoke/${appId}/method${path}`, {
    ...options,
    headers,
  });
}
