import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import type { ApplyRecorder } from './reconcile/context';

/** The operator's own Prometheus series, on the kit's registry beside the process metrics. */
export class OperatorMetrics implements ApplyRecorder {
  readonly reconciles: Counter<'result'>;
  readonly reconcileErrors: Counter;
  readonly reconcileDuration: Histogram<'result'>;
  readonly queueDepth: Gauge;
  readonly leader: Gauge;
  readonly writes: Counter<'kind' | 'action'>;

  constructor(registry: Registry, queueDepth: () => number) {
    const registers = [registry];
    this.reconciles = new Counter({
      name: 'gomall_operator_reconciles_total',
      help: 'Mall reconciles, by result (success, error)',
      labelNames: ['result'],
      registers,
    });
    this.reconcileErrors = new Counter({
      name: 'gomall_operator_reconcile_errors_total',
      help: 'Mall reconciles that failed and were queued again with backoff',
      registers,
    });
    this.reconcileDuration = new Histogram({
      name: 'gomall_operator_reconcile_duration_seconds',
      help: 'Time to reconcile one Mall, by result',
      labelNames: ['result'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    });
    this.queueDepth = new Gauge({
      name: 'gomall_operator_queue_depth',
      help: 'Mall keys waiting in the work queue',
      registers,
      collect() {
        this.set(queueDepth());
      },
    });
    this.leader = new Gauge({
      name: 'gomall_operator_leader',
      help: '1 while this replica holds the leader lease',
      registers,
    });
    this.writes = new Counter({
      name: 'gomall_operator_writes_total',
      help: 'Objects the operator created, repaired (drift) or deleted, by kind',
      labelNames: ['kind', 'action'],
      registers,
    });
  }

  applied(kind: string, reason: 'missing' | 'drift'): void {
    this.writes.inc({ kind, action: reason === 'missing' ? 'create' : 'repair' });
  }

  deleted(kind: string): void {
    this.writes.inc({ kind, action: 'delete' });
  }
}
