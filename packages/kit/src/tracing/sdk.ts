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
import type { TracingSettings } from './setup';

/**
 * The OpenTelemetry SDK, its exporters and instrumentations: loaded (by startTracing) only in a
 * process that traces, so one that does not never pays their ≈ 25 MB of RSS.
 */
export function startSdk(settings: TracingSettings): NodeTracerProvider {
  const exporter: SpanExporter =
    settings.exporter === 'otlp'
      ? new OTLPTraceExporter({ url: settings.endpoint, timeoutMillis: 2000 })
      : new ZipkinExporter({ url: settings.endpoint, serviceName: settings.service });
  const provider = new NodeTracerProvider({
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
  return provider;
}
