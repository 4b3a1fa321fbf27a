import http from 'node:http';
import https from 'node:https';
import type { KubeConfig } from '@kubernetes/client-node';

/** A non-2xx answer of the API server, with the reason of its Status object. */
export class KubeApiError extends Error {
  constructor(
    readonly status: number,
    readonly reason: string,
    message: string,
  ) {
    super(message);
    this.name = 'KubeApiError';
  }
}

export const isNotFound = (error: unknown): boolean =>
  error instanceof KubeApiError && error.status === 404;
export const isConflict = (error: unknown): boolean =>
  error instanceof KubeApiError && error.status === 409;

export interface RequestOptions {
  query?: Record<string, string | undefined>;
  body?: unknown;
  contentType?: string;
}

const TIMEOUT_MS = 30_000;

/**
 * Plain JSON over the API server's REST interface, authenticated from a KubeConfig (in-cluster
 * service account or a kubeconfig file). The operator keeps objects as the server serves them —
 * no client-side model classes — so what it compares for drift is exactly what the server has.
 */
export class KubeHttp {
  constructor(private readonly kubeConfig: KubeConfig) {}

  async request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
    const cluster = this.kubeConfig.getCurrentCluster();
    if (!cluster) throw new Error('The kubeconfig has no current cluster');
    const url = new URL(cluster.server.replace(/\/$/, '') + path);
    for (const [key, value] of Object.entries(options.query ?? {})) {
      if (value !== undefined) url.searchParams.set(key, value);
    }
    const requestOptions: https.RequestOptions = {
      method,
      headers: { Accept: 'application/json' },
    };
    await this.kubeConfig.applyToHTTPSOptions(requestOptions);
    const payload = options.body === undefined ? undefined : JSON.stringify(options.body);
    if (payload !== undefined) {
      requestOptions.headers = {
        ...requestOptions.headers,
        'Content-Type': options.contentType ?? 'application/json',
        'Content-Length': Buffer.byteLength(payload),
      };
    }
    const transport = url.protocol === 'https:' ? https : http;
    return new Promise<T>((resolve, reject) => {
      const request = transport.request(url, requestOptions, (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('error', reject);
        response.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          const status = response.statusCode ?? 0;
          if (status >= 200 && status < 300) {
            resolve((text ? JSON.parse(text) : undefined) as T);
            return;
          }
          reject(toApiError(status, text, `${method} ${url.pathname}`));
        });
      });
      request.setTimeout(TIMEOUT_MS, () => {
        request.destroy(new Error(`${method} ${url.pathname} timed out after ${TIMEOUT_MS} ms`));
      });
      request.on('error', reject);
      request.end(payload);
    });
  }
}

function toApiError(status: number, text: string, what: string): KubeApiError {
  try {
    const body = JSON.parse(text) as { reason?: string; message?: string };
    return new KubeApiError(status, body.reason ?? 'Unknown', `${what}: ${body.message ?? text}`);
  } catch {
    return new KubeApiError(status, 'Unknown', `${what}: HTTP ${status} ${text.slice(0, 200)}`);
  }
}
