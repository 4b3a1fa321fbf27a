import { serviceCounter, serviceHistogram, type ServiceMetrics } from '@gomall/kit';

export type SagaOutcome = 'completed' | 'compensated' | 'failed';

/**
 * Checkout's own metrics on its /metrics registry. Outcomes: `completed` (order paid),
 * `compensated` (rolled back: out of stock, declined, a service failed), `failed` (refused before
 * acting, e.g. an empty cart, or a compensation that could not finish and is left to recovery).
 */
export class CheckoutMetrics {
  readonly sagaOutcomes;
  readonly sagaDuration;
  readonly reservationConflicts;
  readonly paymentDeclines;
  readonly recoveredSagas;

  constructor(metrics: ServiceMetrics) {
    this.sagaOutcomes = serviceCounter(
      metrics,
      'checkout_saga_outcomes_total',
      'Checkout sagas by outcome',
      ['outcome'],
    );
    this.sagaDuration = serviceHistogram(
      metrics,
      'checkout_saga_duration_seconds',
      'Checkout saga duration from start to outcome, in seconds',
      [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      ['outcome'],
    );
    this.reservationConflicts = serviceCounter(
      metrics,
      'checkout_reservation_conflicts_total',
      'Checkouts refused because stock could not be reserved (409 INSUFFICIENT_STOCK)',
    );
    this.paymentDeclines = serviceCounter(
      metrics,
      'checkout_payment_declines_total',
      'Checkouts whose card was declined (402 PAYMENT_DECLINED)',
    );
    this.recoveredSagas = serviceCounter(
      metrics,
      'checkout_recovered_sagas_total',
      'Sagas taken over by recovery after their owner stopped, by outcome',
      ['outcome'],
    );
  }

  outcome(outcome: SagaOutcome, startedAt: number): void {
    this.sagaOutcomes.inc({ outcome });
    this.sagaDuration.observe({ outcome }, (Date.now() - startedAt) / 1000);
  }
}
