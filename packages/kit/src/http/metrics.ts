import type { Middleware } from 'koa';
import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/**
 * Per-service Prometheus registry with RED metrics per route. `route` is the router's pattern
 * (`/products/:id`), never the raw URL, so the label set stays bounded.
 */
export class ServiceMetrics {
  readonly registry = new Registry();
  readonly requests: Counter<'service' | 'route' | 'method' | 'status'>;
  readonly duration: Histogram<'service' | 'route' | 'method' | 'status'>;

  constructor(readonly service: string) {
    this.registry.setDefaultLabels({ service });
    collectDefaultMetrics({ register: this.registry });
    this.requests = new Counter({
      name: 'http_requests_total',
      help: 'HTTP requests handled, by route pattern and status',
      labelNames: ['service', 'route', 'method', 'status'],
      registers: [this.registry],
    });
    this.duration = new Histogram({
      name: 'http_request_duration_seconds',
      help: 'HTTP request duration in seconds, by route pattern and status',
      labelNames: ['service', 'route', 'method', 'status'],
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [this.registry],
    });
  }

  /** Counts and times every request; must sit outside the error middleware to see final statuses. */
  middleware(): Middleware {
    return async (ctx, next) => {
      const started = process.hrtime.bigint();
      try {
        await next();
      } finally {
        const matched: unknown = ctx._matchedRoute;
        const labels = {
          service: this.service,
          route: typeof matched === 'string' ? matched : 'unmatched',
          method: ctx.method,
          status: String(ctx.status),
        };
        this.requests.inc(labels);
        this.duration.observe(labels, Number(process.hrtime.bigint() - started) / 1e9);
      }
    };
  }
}
