import { serviceCounter, type Counter, type ServiceMetrics } from '@gomall/kit';

export class OrderMetrics {
  readonly transitions: Counter<'to'>;
  readonly expired: Counter;
  /** Revenue in cents: what paid orders brought in, and what refunds gave back. */
  readonly revenueCents: Counter<'kind'>;

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
    this.revenueCents = serviceCounter(
      metrics,
      'order_revenue_cents_total',
      'Money of orders that became paid (kind="paid") or refunded (kind="refunded"), in cents',
      ['kind'],
    );
  }
}
