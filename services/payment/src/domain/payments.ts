import type { ChargeBody, Payment } from '@gomall/contracts';
import { AppError, conflict, notFound } from '@gomall/kit';
import { type UnitOfWork } from '@gomall/kit/db';
import type { PaymentRepository } from '../data/payment-repository';
import { paymentEvent } from '../events/payment-events';
import type { PaymentMetrics } from '../metrics/payment-metrics';
import { brandOf, DECLINED_CARD } from './card';

const paymentDeclined = (payment: Payment): AppError =>
  new AppError(402, 'PAYMENT_DECLINED', 'The card was declined', {
    paymentId: payment.id,
    orderId: payment.orderId,
  });

/**
 * Charges and refunds. One payment per order: a repeated charge answers what the first one did
 * (also a decline), so a retrying saga never charges twice.
 */
export class Payments {
  constructor(
    private readonly repository: PaymentRepository,
    private readonly metrics: PaymentMetrics,
  ) {}

  async charge(request: ChargeBody): Promise<Payment> {
    const existing = await this.repository.byOrder(request.orderId);
    if (existing) return answer(existing, request);

    const declined = request.card.number === DECLINED_CARD;
    const { payment, created } = await this.repository.record(
      {
        orderId: request.orderId,
        amountCents: request.amountCents,
        currency: request.currency,
        brand: brandOf(request.card.number),
        last4: request.card.number.slice(-4),
        status: declined ? 'failed' : 'succeeded',
      },
      paymentEvent,
    );
    if (created && declined) this.metrics.declines.inc();
    return answer(payment, request);
  }

  async get(orderId: string): Promise<Payment> {
    const payment = await this.repository.byOrder(orderId);
    if (!payment) throw notFound('No payment for this order');
    return payment;
  }

  async refund(orderId: string): Promise<Payment> {
    const payment = await this.get(orderId);
    if (payment.status === 'failed') throw conflict('A declined payment cannot be refunded');
    if (payment.status === 'void') throw conflict('A void payment cannot be refunded');
    await this.repository.markRefunded(orderId, paymentEvent);
    return { ...payment, status: 'refunded' };
  }

  /** Refunds the order's payment if it succeeded; false when there was nothing to refund. */
  refundIfCharged(orderId: string, transaction?: UnitOfWork): Promise<boolean> {
    return this.repository.markRefunded(orderId, paymentEvent, transaction);
  }

  /**
   * The payment side of a cancelled order: nothing charged yet → a void payment refuses any later
   * charge (one whose caller gave up on it may still be on its way); charged → refunded.
   * Returns what it did.
   */
  async settleCancelled(
    orderId: string,
    transaction: UnitOfWork,
  ): Promise<'voided' | 'refunded' | 'nothing'> {
    if (await this.repository.voidIfUncharged(orderId, transaction)) return 'voided';
    if (await this.repository.markRefunded(orderId, paymentEvent, transaction)) return 'refunded';
    return 'nothing';
  }
}

/** The first answer again; the same order charged with another amount is a caller's bug. */
function answer(payment: Payment, request: ChargeBody): Payment {
  if (payment.status === 'void') {
    throw conflict('The order was cancelled before it was charged; nothing was charged', {
      orderId: payment.orderId,
    });
  }
  if (payment.amountCents !== request.amountCents) {
    throw conflict('This order was charged with another amount', {
      paymentId: payment.id,
      amountCents: payment.amountCents,
    });
  }
  if (payment.status === 'failed') throw paymentDeclined(payment);
  return payment;
}
