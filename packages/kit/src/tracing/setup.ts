import { trace, type Span } from '@opentelemetry/api';
import type { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import type { startSdk } from './sdk';

/**
 * Where spans go, from the standard OpenTelemetry variables: OTLP/HTTP when
 * OTEL_EXPORTER_OTLP_ENDPOINT (or …_TRACES_ENDPOINT) is set, Zipkin's v2 API when
 * OTEL_EXPORTER_ZIPKIN_ENDPOINT is; with neither (or OTEL_TRACES_EXPORTER=none) nothing is traced.
 */
export interface TracingSettings {
  service: string;
  exporter: 'otlp' | 'zipkin';
  endpoint: string;
  /** Share of new traces kept (0…1); a caller's sampled flag wins (parent-based). */
  ratio: number;
}

export function tracingSettings(env: NodeJS.ProcessEnv = process.env): TracingSettings | undefined {
  if (env.OTEL_SDK_DISABLED === 'true' || env.OTEL_TRACES_EXPORTER === 'none') return undefined;
  const service = env.OTEL_SERVICE_NAME ?? env.GOMALL_SERVICE;
  if (!service) return undefined;
  const ratio = parseRatio(env.OTEL_TRACES_SAMPLER_ARG);
  const otlp =
    env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT ?? otlpTracesUrl(env.OTEL_EXPORTER_OTLP_ENDPOINT);
  if (otlp) return { service, exporter: 'otlp', endpoint: otlp, ratio };
  const zipkin = env.OTEL_EXPORTER_ZIPKIN_ENDPOINT;
  if (zipkin) return { service, exporter: 'zipkin', endpoint: zipkin, ratio };
  return undefined;
}

function otlpTracesUrl(base: string | undefined): string | undefined {
  return base ? `${base.replace(/\/+$/, '')}/v1/traces` : undefined;
}

function parseRatio(value: string | undefined): number {
  if (value === undefined || value === '') return 1;
  const ratio = Number(value);
  if (!Number.isFinite(ratio) || ratio < 0 || ratio > 1) {
    throw new Error(`OTEL_TRACES_SAMPLER_ARG must be a number from 0 to 1, got "${value}"`);
  }
  return ratio;
}

let provider: NodeTracerProvider | undefined;

/**
 * Starts tracing for this process: spans for every HTTP request served and sent (Dapr calls
 * included, with W3C `traceparent` carried to the sidecar), every MariaDB query and every Redis
 * command. Must run before koa, mysql2 and ioredis are first required — instrumentation works by
 * hooking `require` — which is why the kit's index loads it first. Health, readiness and metrics
 * requests are not traced: a probe every few seconds would bury the traces that matter. The SDK
 * (./sdk) is required only here, so a process that traces nothing never loads it.
 */
export function startTracing(settings: TracingSettings | undefined): void {
  if (!settings || provider) return;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const sdk = require('./sdk') as { startSdk: typeof startSdk };
  provider = sdk.startSdk(settings);
}

/** Sends the spans still buffered (graceful shutdown). */
export async function stopTracing(): Promise<void> {
  await provider?.shutdown().catch(() => undefined);
}

/** The span of the request being served, if this request is traced. */
export function activeSpan(): Span | undefined {
  return trace.getActiveSpan();
}

/** The ids to write beside the request id in every log line. */
export function activeTraceIds(): { traceId: string; spanId: string } | undefined {
  const context = trace.getActiveSpan()?.spanContext();
  if (!context || !trace.isSpanContextValid(context)) return undefined;
  return { traceId: context.traceId, spanId: context.spanId };
}
