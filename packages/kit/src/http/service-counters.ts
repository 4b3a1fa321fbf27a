import { Counter, Histogram } from 'prom-client';
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

export type { Counter, Histogram } from 'prom-client';
