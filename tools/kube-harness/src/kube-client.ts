import { request } from 'node:https';

export interface KubeResponse<T = unknown> {
  status: number;
  body: T;
}

export interface KubeClientOptions {
  url: string;
  token: string;
  caPem: string;
}

/** The fields every Kubernetes object has that tests look at. */
export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: {
    name: string;
    namespace?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
    [key: string]: unknown;
  };
  [key: string]: unknown;
}

export interface KubeList<T = KubeObject> {
  items: T[];
}

/**
 * A minimal REST client for the test control plane: raw paths in, parsed JSON out. It trusts only
 * the control plane's own CA and authenticates with its bearer token.
 */
export class KubeClient {
  constructor(private readonly options: KubeClientOptions) {}

  get<T = KubeObject>(path: string): Promise<KubeResponse<T>> {
    return this.request<T>('GET', path);
  }

  delete<T = unknown>(path: string): Promise<KubeResponse<T>> {
    return this.request<T>('DELETE', path);
  }

  create<T = KubeObject>(path: string, body: unknown): Promise<KubeResponse<T>> {
    return this.request<T>('POST', path, body);
  }

  /** Server-side apply: creates or updates `body` as owned by `fieldManager`. */
  apply<T = KubeObject>(
    path: string,
    body: unknown,
    fieldManager: string,
  ): Promise<KubeResponse<T>> {
    const query = `fieldManager=${encodeURIComponent(fieldManager)}&force=true`;
    return this.request<T>(
      'PATCH',
      `${path}${path.includes('?') ? '&' : '?'}${query}`,
      body,
      'application/apply-patch+yaml',
    );
  }

  /** Like get(), but throws unless the server answered 200. */
  async mustGet<T = KubeObject>(path: string): Promise<T> {
    const response = await this.get<T>(path);
    if (response.status !== 200) {
      throw new Error(`GET ${path}: ${response.status} ${JSON.stringify(response.body)}`);
    }
    return response.body;
  }

  request<T>(
    method: string,
    path: string,
    body?: unknown,
    contentType = 'application/json',
  ): Promise<KubeResponse<T>> {
    const url = new URL(path, this.options.url);
    const payload = body === undefined ? undefined : JSON.stringify(body);
    return new Promise((resolve, reject) => {
      const req = request(
        url,
        {
          method,
          ca: this.options.caPem,
          timeout: 30_000,
          headers: {
            authorization: `Bearer ${this.options.token}`,
            accept: 'application/json',
            ...(payload === undefined
              ? {}
              : { 'content-type': contentType, 'content-length': Buffer.byteLength(payload) }),
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            let parsed: unknown = text;
            try {
              parsed = text ? JSON.parse(text) : undefined;
            } catch {
              // Health endpoints answer plain text; keep it as is.
            }
            resolve({ status: res.statusCode ?? 0, body: parsed as T });
          });
        },
      );
      req.on('timeout', () => req.destroy(new Error(`${method} ${path}: timed out`)));
      req.on('error', reject);
      if (payload !== undefined) req.write(payload);
      req.end();
    });
  }
}
