import { serviceCounter, type Counter, type ServiceMetrics } from '@gomall/kit';

/** Stock figures on the service's /metrics, beside the kit's RED metrics. */
export class StockMetrics {
  readonly reservationConflicts: Counter;
  readonly reservationsExpired: Counter;

  constructor(metrics: ServiceMetrics) {
    this.reservationConflicts = serviceCounter(
      metrics,
      'product_reservation_conflicts_total',
      'Reservations refused with INSUFFICIENT_STOCK',
    );
    this.reservationsExpired = serviceCounter(
      metrics,
      'product_reservations_expired_total',
      'Reservations released by the sweep because nobody committed them within their TTL',
    );
  }
}
