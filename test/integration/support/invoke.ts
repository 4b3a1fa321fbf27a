import { itEnv } from './env';
import { request, type ApiResponse, type RequestOptions } from './http';

export interface Identity {
  userId?: string;
  roles?: string[];
}

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
  return request<T>(
    path,
    { ...options, headers },
    `${itEnv('GATEWAY_DAPR_URL')}/v1.0/invoke/${appId}/method`,
  );
}
