import { serviceCounter, type Counter, type ServiceMetrics } from '@gomall/kit';

export class PaymentMetrics {
  readonly declines: Counter;

  constructor(metrics: ServiceMetrics) {
    this.declines = serviceCounter(
      metrics,
      'payment_declines_total',
      'Charges the card issuer declined (first attempts only, not replays)',
    );
  }
}
