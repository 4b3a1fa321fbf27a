import { Counter, Gauge, Histogram } from 'prom-client';
import type { ServiceMetrics } from './metrics';

/**
 * A service's own business metrics on its /metrics registry, without every service depending on
 * prom-client directly (label sets must stay bounded: no ids in labels).
 */
export function serviceCounter<Label extends string = never>(
  metrics: ServiceMetrics,
  name: string,
  help: string,
  labelNames: readonly Label[] = [],
): Counter<Label> {
  return new Counter({ name, help, labelNames, registers: [metrics.registry] });
}

export function serviceHistogram<Label extends string = never>(
  metrics: ServiceMetrics,
  name: string,
  help: string,
  buckets: number[],
  labelNames: readonly Label[] = [],
): Histogram<Label> {
  return new Histogram({ name, help, labelNames, buckets, registers: [metrics.registry] });
}

/** A level read when Prometheus scrapes: `read` is asked for the current value (e.g. a count in the database). */
export function serviceLevel(
  metrics: ServiceMetrics,
  name: string,
  help: string,
  read: () => Promise<number>,
): Gauge {
  return new Gauge({
    name,
    help,
    registers: [metrics.registry],
    async collect() {
      this.set(await read());
    },
  });
}

export type { Counter, Gauge, Histogram } from 'prom-client';
