import type { OrderFacts, PaymentFacts, ProductFacts, SagaSummary } from '@gomall/contracts';

/** What the audit checks: each service's facts (their GET /admin/audit) and the checkout's sagas. */
export interface MallFacts {
  orders: OrderFacts;
  products: ProductFacts;
  payments: PaymentFacts;
  /** Sagas unfinished (or stuck) past their deadline. */
  overdueSagas: SagaSummary[];
  /** Ids (= order ids) of sagas running within their deadline: their orders are mid-way. */
  inFlight: string[];
}

export interface AuditOptions {
  /** A reservation younger than this may belong to a saga still on its way to the order. */
  reservationGraceSeconds: number;
}

type Invariant =
  | 'charge-without-paid-order'
  | 'paid-order-without-charge'
  | 'stock-ledger'
  | 'reserved-count'
  | 'units-sold'
  | 'reservation-without-pending-order'
  | 'saga-overdue'
  | 'outbox-overdue';

export interface Finding {
  invariant: Invariant;
  message: string;
  details?: Record<string, unknown>;
}

/**
 * The cross-service invariants of money and stock, checked on facts the services reported. Pure:
 * it only says what is wrong; nothing is ever fixed by the audit.
 */
export function auditFindings(facts: MallFacts, options: AuditOptions): Finding[] {
  const findings: Finding[] = [];
  const paidById = new Map(facts.orders.paid.map((order) => [order.id, order]));
  const chargeByOrder = new Map(facts.payments.succeeded.map((p) => [p.orderId, p]));
  const inFlight = new Set(facts.inFlight);

  // Every succeeded charge belongs to a paid/shipped order (a refunded one is no longer succeeded).
  for (const charge of facts.payments.succeeded) {
    if (inFlight.has(charge.orderId)) continue;
    const order = paidById.get(charge.orderId);
    if (!order) {
      findings.push({
        invariant: 'charge-without-paid-order',
        message: `Order ${charge.orderId} was charged ${charge.amountCents} cents but is not paid or shipped, and the charge was not refunded`,
        details: { ...charge },
      });
    } else if (order.totalCents !== charge.amountCents) {
      findings.push({
        invariant: 'charge-without-paid-order',
        message: `Order ${order.id} totals ${order.totalCents} cents but was charged ${charge.amountCents}`,
        details: {
          orderId: order.id,
          totalCents: order.totalCents,
          amountCents: charge.amountCents,
        },
      });
    }
  }
  // One charge per paid order (the payment service keeps one payment per order).
  for (const order of facts.orders.paid) {
    if (!chargeByOrder.has(order.id) && !inFlight.has(order.id)) {
      findings.push({
        invariant: 'paid-order-without-charge',
        message: `Order ${order.id} is ${order.status} without a succeeded charge`,
        details: { ...order },
      });
    }
  }
  // Stock: on hand + sold − returned = received; reserved = what open reservations hold;
  // sold − returned = the units of paid and shipped orders.
  const productIds = new Set(facts.products.products.map((p) => p.id));
  for (const p of facts.products.products) {
    if (p.onHand + p.sold - p.returned !== p.received) {
      findings.push({
        invariant: 'stock-ledger',
        message: `Product ${p.id}: on hand ${p.onHand} + sold ${p.sold} − returned ${p.returned} ≠ received ${p.received}`,
        details: { ...p },
      });
    }
    if (p.reserved !== p.reservedLines) {
      findings.push({
        invariant: 'reserved-count',
        message: `Product ${p.id}: ${p.reserved} units counted reserved, open reservations hold ${p.reservedLines}`,
        details: { ...p },
      });
    }
    const paidUnits = facts.orders.unitsSold[p.id] ?? 0;
    if (p.sold - p.returned !== paidUnits) {
      findings.push({
        invariant: 'units-sold',
        message: `Product ${p.id}: ${p.sold - p.returned} units sold (net of returns), paid and shipped orders hold ${paidUnits}`,
        details: { productId: p.id, sold: p.sold, returned: p.returned, paidUnits },
      });
    }
  }
  for (const [productId, units] of Object.entries(facts.orders.unitsSold)) {
    if (!productIds.has(productId)) {
      findings.push({
        invariant: 'units-sold',
        message: `Paid orders hold ${units} units of product ${productId}, which the product service does not know`,
        details: { productId, paidUnits: units },
      });
    }
  }
  // Nothing reserved without a pending order (beyond the grace of a saga on its way).
  const pending = new Set(facts.orders.pending);
  for (const reservation of facts.products.reservations) {
    if (
      !pending.has(reservation.orderId) &&
      !inFlight.has(reservation.orderId) &&
      reservation.ageSeconds > options.reservationGraceSeconds
    ) {
      findings.push({
        invariant: 'reservation-without-pending-order',
        message: `Stock is reserved for order ${reservation.orderId} (${reservation.ageSeconds} s) which is not pending`,
        details: { ...reservation },
      });
    }
  }
  for (const saga of facts.overdueSagas) {
    findings.push({
      invariant: 'saga-overdue',
      message: `Saga ${saga.id} is ${saga.status} after ${saga.ageSeconds} s (attempts: ${saga.attempts})`,
      details: {
        id: saga.id,
        status: saga.status,
        stepIndex: saga.stepIndex,
        failure: saga.failure,
      },
    });
  }
  for (const [service, outbox] of [
    ['order', facts.orders.outbox],
    ['product', facts.products.outbox],
    ['payment', facts.payments.outbox],
  ] as const) {
    if (outbox.overdue > 0) {
      findings.push({
        invariant: 'outbox-overdue',
        message: `${service}: ${outbox.overdue} event(s) unpublished past the deadline (oldest ${outbox.oldestSeconds ?? '?'} s)`,
        details: { service, ...outbox },
      });
    }
  }
  return findings;
}

/** The report GET /admin/audit answers and `npm run audit` prints. */
export interface AuditReport {
  ok: boolean;
  checkedAt: string;
  findings: Finding[];
  totals: Record<string, number>;
}

export function auditReport(
  facts: MallFacts,
  options: AuditOptions,
  now = new Date(),
): AuditReport {
  const findings = auditFindings(facts, options);
  return {
    ok: findings.length === 0,
    checkedAt: now.toISOString(),
    findings,
    totals: {
      paidOrders: facts.orders.paid.length,
      pendingOrders: facts.orders.pending.length,
      succeededCharges: facts.payments.succeeded.length,
      products: facts.products.products.length,
      openReservations: facts.products.reservations.length,
      overdueSagas: facts.overdueSagas.length,
      sagasInFlight: facts.inFlight.length,
    },
  };
}
