import { trace, type Span } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { ZipkinExporter } from '@opentelemetry/exporter-zipkin';
import { registerInstrumentations } from '@opentelemetry/instrumentation';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { IORedisInstrumentation } from '@opentelemetry/instrumentation-ioredis';
import { MySQL2Instrumentation } from '@opentelemetry/instrumentation-mysql2';
import { UndiciInstrumentation } from '@opentelemetry/instrumentation-undici';
import { resourceFromAttributes } from '@opentelemetry/resources';
import {
  BatchSpanProcessor,
  NodeTracerProvider,
  ParentBasedSampler,
  TraceIdRatioBasedSampler,
  type SpanExporter,
} from '@opentelemetry/sdk-trace-node';
import { ATTR_SERVICE_NAME } from '@opentelemetry/semantic-conventions';
import { OPS_PATHS } from './ops-paths';

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
 * requests are not traced: a probe every few seconds would bury the traces that matter.
 */
export function startTracing(settings: TracingSettings | undefined): void {
  if (!settings || provider) return;
  const exporter: SpanExporter =
    settings.exporter === 'otlp'
      ? new OTLPTraceExporter({ url: settings.endpoint, timeoutMillis: 2000 })
      : new ZipkinExporter({ url: settings.endpoint, serviceName: settings.service });
  provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ [ATTR_SERVICE_NAME]: settings.service }),
    sampler: new ParentBasedSampler({ root: new TraceIdRatioBasedSampler(settings.ratio) }),
    // Batches leave every second, so a test (or an SRE) finds a request's spans right after it.
    spanProcessors: [new BatchSpanProcessor(exporter, { scheduledDelayMillis: 1000 })],
  });
  provider.register();
  registerInstrumentations({
    tracerProvider: provider,
    instrumentations: [
      new HttpInstrumentation({
        ignoreIncomingRequestHook: (request) =>
          OPS_PATHS.has((request.url ?? '').split('?')[0] ?? ''),
        // Outgoing calls to Zipkin/OTLP themselves are never traced (undici covers fetch).
        ignoreOutgoingRequestHook: (options) =>
          typeof options.path === 'string' && /\/api\/v2\/spans|\/v1\/traces/.test(options.path),
      }),
      new UndiciInstrumentation({
        ignoreRequestHook: (request) => OPS_PATHS.has(request.path.split('?')[0] ?? ''),
      }),
      new MySQL2Instrumentation(),
      new IORedisInstrumentation(),
    ],
  });
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
