import {
  CommunicationProtocolEnum,
  DaprClient,
  LogLevel,
  type HttpMethod,
  type LoggerService,
} from '@dapr/dapr';
import { currentContext } from '../context';
import { AppError, isErrorBody, unavailable, type ErrorCode } from '../errors';
import { REQUEST_ID_HEADER, USER_ID_HEADER, USER_ROLES_HEADER } from '../http/request-id';

export interface SidecarConfig {
  DAPR_HOST: string;
  DAPR_HTTP_PORT: number;
  /** Sent as `dapr-api-token` on every call to the sidecar (daprd's DAPR_API_TOKEN); '' for none. */
  DAPR_API_TOKEN?: string;
}

/**
 * One client per process, talking HTTP to the local sidecar. With `sdkLog` (see sdk-logger.ts)
 * the SDK's own messages go to the service's JSON log instead of the console.
 */
export function createDaprClient(config: SidecarConfig, sdkLog?: LoggerService): DaprClient {
  return new DaprClient({
    daprHost: config.DAPR_HOST,
    daprPort: String(config.DAPR_HTTP_PORT),
    communicationProtocol: CommunicationProtocolEnum.HTTP,
    // Only this app can drive its sidecar: daprd refuses API calls without its DAPR_API_TOKEN.
    ...(config.DAPR_API_TOKEN ? { daprApiToken: config.DAPR_API_TOKEN } : {}),
    logger: sdkLog ? { level: LogLevel.Debug, service: sdkLog } : { level: LogLevel.Error },
  });
}

/** Readiness: the sidecar answers its own health endpoint (components loaded, app channel up). */
export async function checkSidecar(config: SidecarConfig): Promise<void> {
  const response = await fetch(
    `http://${config.DAPR_HOST}:${config.DAPR_HTTP_PORT}/v1.0/healthz/outbound`,
    {
      signal: AbortSignal.timeout(2000),
      headers: config.DAPR_API_TOKEN ? { 'dapr-api-token': config.DAPR_API_TOKEN } : {},
    },
  );
  if (response.status >= 300) throw new Error(`sidecar answered ${response.status}`);
}

/** The SDK reports a non-2xx answer as an Error whose message is this JSON. */
interface SdkHttpFailure {
  status: number;
  error_msg: string;
}

function parseSdkFailure(error: unknown): SdkHttpFailure | undefined {
  if (!(error instanceof Error)) return undefined;
  try {
    const parsed = JSON.parse(error.message) as Partial<SdkHttpFailure>;
    if (typeof parsed.status === 'number') {
      return { status: parsed.status, error_msg: String(parsed.error_msg ?? '') };
    }
  } catch {
    // not the SDK's JSON: a network failure or similar
  }
  return undefined;
}

/**
 * Relays a callee's answer: its own error envelope keeps its status and code; daprd's own failures
 * (callee down, circuit open, timeout) become 503 UNAVAILABLE.
 */
export function toInvocationError(appId: string, error: unknown): AppError {
  const failure = parseSdkFailure(error);
  if (failure) {
    let body: unknown;
    try {
      body = JSON.parse(failure.error_msg);
    } catch {
      body = undefined;
    }
    if (isErrorBody(body) && failure.status < 500) {
      return new AppError(
        failure.status,
        body.error.code as ErrorCode,
        body.error.message,
        body.error.details,
      );
    }
    if (isErrorBody(body) && body.error.code === 'UNAVAILABLE') {
      return unavailable(body.error.message);
    }
  }
  return unavailable(`The ${appId} service is unavailable`);
}

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface InvokeOptions {
  body?: unknown;
  query?: Record<string, string | number | undefined>;
  headers?: Record<string, string>;
}

/**
 * Service invocation bound to one callee. Each service wraps it in a typed client
 * (`new ProductClient(invoker)`), so handlers never build sidecar URLs. The request id and the
 * verified caller identity travel with every call.
 */
export class ServiceInvoker {
  constructor(
    private readonly client: DaprClient,
    readonly appId: string,
  ) {}

  async call<T>(method: Method, path: string, options: InvokeOptions = {}): Promise<T> {
    const context = currentContext();
    const headers: Record<string, string> = { ...options.headers };
    if (context) {
      headers[REQUEST_ID_HEADER] = context.requestId;
      if (context.userId) headers[USER_ID_HEADER] = context.userId;
      if (context.roles) headers[USER_ROLES_HEADER] = context.roles.join(',');
    }
    const query = new URLSearchParams();
    for (const [key, value] of Object.entries(options.query ?? {})) {
      if (value !== undefined) query.set(key, String(value));
    }
    const target = `${path.replace(/^\//, '')}${query.size > 0 ? `?${query.toString()}` : ''}`;
    try {
      const result: unknown = await this.client.invoker.invoke(
        this.appId,
        target,
        method as HttpMethod,
        options.body as object | undefined,
        { headers },
      );
      return (result === '' ? undefined : result) as T;
    } catch (error) {
      throw toInvocationError(this.appId, error);
    }
  }
}
