import { itEnv } from './env';

export interface ApiResponse<T = unknown> {
  status: number;
  headers: Headers;
  body: T;
  text: string;
}

export interface RequestOptions {
  method?: string;
  body?: unknown;
  /** Sent as-is, for malformed or oversized bodies. */
  rawBody?: string;
  headers?: Record<string, string>;
  token?: string;
}

/** A request to a service's HTTP port (the gateway unless `base` says otherwise). */
export async function request<T = unknown>(
  path: string,
  options: RequestOptions = {},
  base = itEnv('GATEWAY_URL'),
): Promise<ApiResponse<T>> {
  const headers: Record<string, string> = { ...options.headers };
  let body: string | undefined = options.rawBody;
  if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    headers['content-type'] ??= 'application/json';
  } else if (body !== undefined) {
    headers['content-type'] ??= 'application/json';
  }
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  const response = await fetch(`${base}${path}`, {
    method: options.method ?? (body === undefined ? 'GET' : 'POST'),
    headers,
    body,
  });
  const text = await response.text();
  let parsed: unknown = undefined;
  try {
    parsed = text === '' ? undefined : JSON.parse(text);
  } catch {
    parsed = text;
  }
  return { status: response.status, headers: response.headers, body: parsed as T, text };
}

export const api = <T = unknown>(path: string, options?: RequestOptions) =>
  request<T>(`/api/v1${path}`, options);

/** Asserts the public error envelope and returns its code. */
export function errorCode(response: ApiResponse): string {
  const body = response.body as { error?: { code?: unknown; message?: unknown } };
  expect(typeof body?.error?.code).toBe('string');
  expect(typeof body?.error?.message).toBe('string');
  return body.error!.code as string;
}
