import { serviceCounter, serviceHistogram, serviceLevel, type ServiceMetrics } from '@gomall/kit';

/**
 * How a saga ended. `completed`: the order is paid. `refused`: the buyer's own problem (empty cart,
 * no stock, declined or invalid card); not a failure and never a page. `compensated`: rolled back
 * because a service failed or an interleaving made the order final first. `stuck`: it ran out of
 * attempts and is parked for a human (GomallCheckoutSagaStuck pages).
 */
export type SagaOutcome = 'completed' | 'refused' | 'compensated' | 'stuck';

/** Checkout's own metrics on its /metrics registry. */
export class CheckoutMetrics {
  readonly sagaOutcomes;
  readonly sagaDuration;
  readonly reservationConflicts;
  readonly paymentDeclines;
  readonly recoveredSagas;

  constructor(metrics: ServiceMetrics, countStuck?: () => Promise<number>) {
    this.sagaOutcomes = serviceCounter(
      metrics,
      'checkout_saga_outcomes_total',
      'Checkout sagas by outcome (completed, refused, compensated, stuck)',
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
      'Sagas taken over by recovery after their run stopped, by outcome',
      ['outcome'],
    );
    if (countStuck) {
      serviceLevel(
        metrics,
        'checkout_sagas_stuck',
        'Sagas parked as stuck after running out of attempts (an admin retries them)',
        countStuck,
      );
    }
  }

  outcome(outcome: SagaOutcome, startedAt: number): void {
    this.sagaOutcomes.inc({ outcome });
    this.sagaDuration.observe({ outcome }, (Date.now() - startedAt) / 1000);
  }
}
