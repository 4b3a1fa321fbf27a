import { serviceCounter, type Counter, type ServiceMetrics } from '@gomall/kit';

export class OrderMetrics {
  readonly transitions: Counter<'to'>;
  readonly expired: Counter;

  constructor(metrics: ServiceMetrics) {
    this.transitions = serviceCounter(
      metrics,
      'order_transitions_total',
      'Order status changes, by the status moved to',
      ['to'],
    );
    this.expired = serviceCounter(
      metrics,
      'order_reservations_expired_total',
      'Pending orders the sweep cancelled because the reservation window passed',
    );
  }
}
