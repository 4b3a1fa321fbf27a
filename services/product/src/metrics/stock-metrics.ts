import { serviceCounter, type Counter, type ServiceMetrics } from '@gomall/kit';

/** Stock figures on the service's /metrics, beside the kit's RED metrics. */
export class StockMetrics {
  readonly reservationConflicts: Counter;

  constructor(metrics: ServiceMetrics) {
    this.reservationConflicts = serviceCounter(
      metrics,
      'product_reservation_conflicts_total',
      'Reservations refused with INSUFFICIENT_STOCK',
    );
  }
}
