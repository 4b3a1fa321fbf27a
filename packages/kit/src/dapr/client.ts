import type { Operation, OperationMethod, PathParams } from '@gomall/contracts';
import { Pool, type Dispatcher } from 'undici';
import { z } from 'zod';
import { currentContext } from '../context';
import { AppError, isErrorBody, unavailable, type ErrorCode } from '../errors';
import {
  budgetToPass,
  DEADLINE_HEADER,
  DEFAULT_REQUEST_TIMEOUT_MS,
  remainingBudget,
} from '../http/deadline';
import { IDEMPOTENCY_KEY_HEADER } from '../http/idempotency-key';
import { REQUEST_ID_HEADER, USER_ID_HEADER, USER_ROLES_HEADER } from '../http/request-id';

export interface SidecarConfig {
  DAPR_HOST: string;
  DAPR_HTTP_PORT: number;
  /** Sent as `dapr-api-token` on every call to the sidecar (daprd's DAPR_API_TOKEN); '' for none. */
  DAPR_API_TOKEN?: string;
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

/**
 * A callee's non-2xx answer as ours to throw: its own error envelope below 500 keeps its status and
 * code; its 503 UNAVAILABLE keeps its message; anything else (daprd's own failures: callee down,
 * circuit open, timeout; a callee's 500) becomes 503 UNAVAILABLE.
 */
export function calleeAnswerToError(appId: string, status: number, text: string): AppError {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  if (isErrorBody(body) && status < 500) {
    return new AppError(
      status,
      body.error.code as ErrorCode,
      body.error.message,
      body.error.details,
    );
  }
  if (isErrorBody(body) && body.error.code === 'UNAVAILABLE')
    return unavailable(body.error.message);
  return unavailable(`The ${appId} service is unavailable`);
}

export type Method = OperationMethod;

/**
 * A callee answered 2xx with a body its contract does not allow: a bug on one side of the call,
 * not the buyer's problem and not a callee being down. Thrown only where answers are checked
 * (development and tests); it surfaces as a 500 and in the log, naming the call and the fields.
 */
export class OffContractAnswer extends Error {
  constructor(appId: string, method: Method, path: string, problems: string) {
    super(`${appId} answered ${method} ${path} off its contract:\n${problems}`);
    this.name = 'OffContractAnswer';
  }
}

export interface InvokeOptions {
  body?: unknown;
  query?: Record<string, string | number | undefined>;
  headers?: Record<string, string>;
  /**
   * Sent as IDEMPOTENCY_KEY_HEADER: what identifies this effect (order id, saga step id, a UUID
   * per call). The callee answers a repeat with the key as a replay, so a retried call is safe.
   */
  idempotencyKey?: string;
}

/**
 * What one call of an operation takes besides the operation: its path parameters when its path has
 * any, its body when it takes one (the callee's body schema's input), its query (typed by the
 * callee's query schema when the operation names one), and per-call headers and Idempotency-Key.
 */
type OperationInput<O extends Operation> = Pick<InvokeOptions, 'headers' | 'idempotencyKey'> &
  ([keyof PathParams<O['path']>] extends [never]
    ? { params?: undefined }
    : { params: PathParams<O['path']> }) &
  (O['body'] extends z.ZodType ? { body: z.input<O['body']> } : { body?: undefined }) &
  (O['query'] extends z.ZodType
    ? { query: z.output<O['query']> }
    : { query?: InvokeOptions['query'] });

/** The rest parameter of `invoke`: optional where the operation needs nothing more. */
type InputArgs<O extends Operation> =
  object extends OperationInput<O> ? [input?: OperationInput<O>] : [input: OperationInput<O>];

/** What an operation answers: its answer schema's output, nothing where it names none. */
export type OperationAnswer<O extends Operation> = O['answer'] extends z.ZodType
  ? z.output<O['answer']>
  : void;

/** The operation's path with each `:name` segment filled with its URI-encoded parameter. */
function operationPath(operation: Operation, params: Record<string, string> = {}): string {
  return operation.path.replace(/:(\w+)/g, (_match, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`${operation.path}: no value for :${name}`);
    return encodeURIComponent(value);
  });
}

/**
 * Service invocation bound to one callee. Each service wraps it in a typed client
 * (`new ProductClient(invoker)`), so handlers never build sidecar URLs. The request id, the
 * verified caller identity and what is left of the request's time budget travel with every call,
 * and the call is abandoned (503 UNAVAILABLE) when that budget runs out: a callee that does not
 * answer never holds a request beyond its deadline. Calls outside a request get
 * DEFAULT_REQUEST_TIMEOUT_MS.
 */
export class ServiceInvoker {
  /** This process's connections to its sidecar, looked up once rather than on every call. */
  private readonly pool: Pool;
  private readonly base: string;
  private readonly apiToken: string | undefined;

  private readonly checkAnswers: boolean;

  /**
   * `sidecar`: the service's own sidecar (its SidecarConfig).
   * `checkAnswers`: whether `callChecked` parses each answer with its contract; by default
   * everywhere but under NODE_ENV=production (development and the tests check, production trusts).
   * CHECK_ANSWERS=false turns it off outside production too: the benchmark measures the
   * production path on a development mall.
   */
  constructor(
    sidecar: SidecarConfig,
    readonly appId: string,
    options: { checkAnswers?: boolean } = {},
  ) {
    this.checkAnswers =
      options.checkAnswers ??
      (process.env.NODE_ENV !== 'production' && process.env.CHECK_ANSWERS !== 'false');
    this.pool = poolOf(sidecar);
    this.base = `/v1.0/invoke/${appId}/method/`;
    this.apiToken = sidecar.DAPR_API_TOKEN || undefined;
  }

  /**
   * One call of a callee's operation (from @gomall/contracts): method, path, body and answer
   * schema come from the operation, so every caller makes the same call. The answer is checked
   * as by `callChecked`; an operation without an answer schema is sent as by `send`.
   */
  async invoke<O extends Operation>(
    operation: O,
    ...[input]: InputArgs<O>
  ): Promise<OperationAnswer<O>> {
    const { path, options } = this.operationCall(
      operation,
      // The input's own types are checked at the call; here it is what InvokeOptions takes.
      input as (InvokeOptions & { params?: Record<string, string> }) | undefined,
    );
    if (operation.answer === undefined) {
      await this.send(operation.method, path, options);
      return undefined as OperationAnswer<O>;
    }
    return (await this.callChecked(
      operation.answer,
      operation.method,
      path,
      options,
    )) as OperationAnswer<O>;
  }

  /** `invoke` answered with the callee's JSON text as it came, checked as by `callForTextChecked`. */
  invokeForText<O extends Operation & { answer: z.ZodType }>(
    operation: O,
    ...[input]: InputArgs<O>
  ): Promise<string> {
    const { path, options } = this.operationCall(
      operation,
      // The input's own types are checked at the call; here it is what InvokeOptions takes.
      input as (InvokeOptions & { params?: Record<string, string> }) | undefined,
    );
    return this.callForTextChecked(operation.answer, operation.method, path, options);
  }

  private operationCall(
    operation: Operation,
    input: (InvokeOptions & { params?: Record<string, string> }) | undefined,
  ): { path: string; options: InvokeOptions } {
    const { params, ...options } = input ?? {};
    return { path: operationPath(operation, params), options };
  }

  async call<T>(method: Method, path: string, options: InvokeOptions = {}): Promise<T> {
    const text = await this.callForText(method, path, options);
    if (text === '') return undefined as T;
    try {
      return JSON.parse(text) as T;
    } catch {
      return text as T;
    }
  }

  /**
   * `call`, typed by the callee's answer schema (from @gomall/contracts). Outside production the
   * answer is parsed with it, so a callee and a caller that drift apart fail loudly in development
   * and in the tests (OffContractAnswer); in production the answer is taken as it is (no parse on
   * every call). Either way the caller gets the answer as the callee sent it, not zod's parse of it
   * (no defaults filled in, no transforms applied). Failures throw as for `call`.
   */
  async callChecked<Answer extends z.ZodType>(
    answer: Answer,
    method: Method,
    path: string,
    options: InvokeOptions = {},
  ): Promise<z.output<Answer>> {
    const value = await this.call<unknown>(method, path, options);
    if (this.checkAnswers) this.check(answer, value, method, path);
    return value as z.output<Answer>;
  }

  /**
   * `callForText` for an answer passed on untouched, checked like `callChecked` outside
   * production (parsed only there; production passes the text on without parsing it).
   */
  async callForTextChecked(
    answer: z.ZodType,
    method: Method,
    path: string,
    options: InvokeOptions = {},
  ): Promise<string> {
    const text = await this.callForText(method, path, options);
    if (this.checkAnswers) {
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch {
        throw new OffContractAnswer(this.appId, method, path, 'the answer is not JSON');
      }
      this.check(answer, value, method, path);
    }
    return text;
  }

  private check(answer: z.ZodType, value: unknown, method: Method, path: string): void {
    const checked = answer.safeParse(value);
    if (!checked.success) {
      throw new OffContractAnswer(this.appId, method, path, z.prettifyError(checked.error));
    }
  }

  /** A call whose answer the caller does not use (a 204, or a change it needs no echo of). */
  async send(method: Method, path: string, options: InvokeOptions = {}): Promise<void> {
    await this.callForText(method, path, options);
  }

  /**
   * The same call, answered with the callee's body as it came (a 2xx; failures throw as for
   * `call`): for a caller that passes a JSON answer on untouched, without parsing and
   * re-serializing it.
   */
  async callForText(method: Method, path: string, options: InvokeOptions = {}): Promise<string> {
    const context = currentContext();
    const remaining = remainingBudget() ?? DEFAULT_REQUEST_TIMEOUT_MS;
    if (remaining <= 0) throw unavailable('The request ran out of time; try again');
    const headers: Record<string, string> = {
      ...options.headers,
      [DEADLINE_HEADER]: String(budgetToPass(remaining)),
    };
    if (options.idempotencyKey !== undefined)
      headers[IDEMPOTENCY_KEY_HEADER] = options.idempotencyKey;
    if (this.apiToken) headers['dapr-api-token'] = this.apiToken;
    if (context) {
      headers[REQUEST_ID_HEADER] = context.requestId;
      if (context.userId) headers[USER_ID_HEADER] = context.userId;
      if (context.roles) headers[USER_ROLES_HEADER] = context.roles.join(',');
    }
    let body: string | undefined;
    if (options.body !== undefined) {
      body = JSON.stringify(options.body);
      headers['content-type'] = 'application/json';
    }
    const target = `${this.base}${path.replace(/^\//, '')}${queryString(options.query)}`;
    let status: number;
    let text: string;
    try {
      ({ status, text } = await send(this.pool, target, method, headers, body, remaining));
    } catch (error) {
      const timedOut = error instanceof Error && error.name === 'TimeoutError';
      throw unavailable(
        timedOut
          ? `The ${this.appId} service did not answer in time`
          : `The ${this.appId} service is unavailable`,
      );
    }
    if (status < 200 || status > 399) throw calleeAnswerToError(this.appId, status, text);
    return text;
  }
}

/** The sidecar's answer: its status, its body as text, and its headers (e.g. a state's ETag). */
export interface SidecarAnswer {
  status: number;
  text: string;
  headers: Record<string, string | string[] | undefined>;
}

/**
 * One request to one of the sidecar's own APIs (publish, state, …) over the pooled connections below,
 * with the service's `dapr-api-token`; the answer as it came. Rejects on a network failure or
 * when no answer comes in `timeoutMs` (see `send`).
 */
export function sidecarRequest(
  sidecar: SidecarConfig,
  method: Method,
  path: string,
  body: string | undefined,
  timeoutMs: number,
): Promise<SidecarAnswer> {
  const headers: Record<string, string> = {};
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (sidecar.DAPR_API_TOKEN) headers['dapr-api-token'] = sidecar.DAPR_API_TOKEN;
  return send(poolOf(sidecar), path, method, headers, body, timeoutMs);
}

/** `?a=1&b=2` from the values that are set; '' when none is. */
function queryString(query: InvokeOptions['query']): string {
  if (query === undefined) return '';
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined) params.set(key, String(value));
  }
  return params.size > 0 ? `?${params.toString()}` : '';
}

class TimeoutError extends Error {
  override name = 'TimeoutError';
}

/**
 * Connections to the local sidecar, kept open between calls: every invocation of this process
 * goes to the same daprd. undici's pool spends about half the CPU of a pooled `http.request` per
 * call (no ClientRequest, IncomingMessage or stream objects) and far less than `fetch()` (no
 * WHATWG Request/Response, no AbortSignal per call). An idle connection is closed after undici's
 * keep-alive timeout (4 s, unless the server's Keep-Alive header names another).
 */
const pools = new Map<string, Pool>();

function poolOf({ DAPR_HOST: host, DAPR_HTTP_PORT: port }: SidecarConfig): Pool {
  const key = `${host}:${port}`;
  let pool = pools.get(key);
  if (pool === undefined) {
    pool = new Pool(`http://${host.includes(':') ? `[${host}]` : host}:${port}`);
    pools.set(key, pool);
  }
  return pool;
}

/** undici's codes for an answer that did not come in time: no head, or a body that stalled. */
const TIMED_OUT = new Set(['UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT']);

/**
 * One HTTP exchange with the sidecar, abandoned when its answer's head has not come within
 * `timeoutMs` or its body stops for as long. undici keeps these timers coarsely (they fire up to
 * about a second late) and cheaply (no AbortSignal and timer per call); the request that made
 * the call is still answered at its own deadline (http/deadline.ts). A call whose connection
 * broke before any answer came (a pooled connection the sidecar closed as the call went out) is
 * sent once more; invocations that change something carry an Idempotency-Key, so the callee
 * replays a repeat.
 */
async function send(
  pool: Pool,
  path: string,
  method: Method,
  headers: Record<string, string>,
  body: string | undefined,
  timeoutMs: number,
  retried = false,
): Promise<SidecarAnswer> {
  let answer: Dispatcher.ResponseData;
  try {
    answer = await pool.request({
      path,
      method,
      headers,
      body,
      headersTimeout: timeoutMs,
      bodyTimeout: timeoutMs,
    });
  } catch (error) {
    // Only a call that got no answer at all is sent again, never one whose answer broke off.
    if (codeOf(error) === 'UND_ERR_SOCKET' && !retried) {
      return send(pool, path, method, headers, body, timeoutMs, true);
    }
    throw timedOut(error);
  }
  try {
    const text = await answer.body.text();
    return { status: answer.statusCode, text, headers: answer.headers };
  } catch (error) {
    throw timedOut(error);
  }
}

const codeOf = (error: unknown): unknown => (error as { code?: unknown } | null)?.code;

/** undici's timeouts as our TimeoutError (callForText says the callee did not answer in time). */
function timedOut(error: unknown): unknown {
  const code = codeOf(error);
  return typeof code === 'string' && TIMED_OUT.has(code)
    ? new TimeoutError('sidecar call timed out')
    : error;
}
