import { auditFindings, auditReport, type MallFacts } from '../src/domain/audit';

const outbox = { overdue: 0, oldestSeconds: null };

/** A clean mall: one paid order of 2 × p1 for 500, charged once; p1 had 10 units. */
function cleanMall(): MallFacts {
  return {
    orders: {
      paid: [{ id: 'o1', status: 'paid', totalCents: 500 }],
      pending: ['o2'],
      unitsSold: { p1: 2 },
      outbox,
    },
    products: {
      products: [
        { id: 'p1', onHand: 8, reserved: 1, received: 10, sold: 2, returned: 0, reservedLines: 1 },
      ],
      reservations: [{ orderId: 'o2', ageSeconds: 500 }],
      outbox,
    },
    payments: {
      succeeded: [{ orderId: 'o1', amountCents: 500 }],
      byStatus: { succeeded: 1 },
      outbox,
    },
    overdueSagas: [],
    inFlight: [],
  };
}

const invariants = (facts: MallFacts) =>
  auditFindings(facts, { reservationGraceSeconds: 60 }).map((f) => f.invariant);

describe('the cross-service audit', () => {
  it('finds nothing wrong with a consistent mall', () => {
    const report = auditReport(cleanMall(), { reservationGraceSeconds: 60 });
    expect(report).toMatchObject({ ok: true, findings: [] });
    expect(report.totals).toMatchObject({ paidOrders: 1, succeededCharges: 1 });
  });

  it('reports a succeeded charge whose order is not paid (a late charge nobody refunded)', () => {
    const facts = cleanMall();
    facts.payments.succeeded.push({ orderId: 'o9', amountCents: 100 });
    expect(invariants(facts)).toEqual(['charge-without-paid-order']);
  });

  it('reports a paid order without its charge, and a charge of another amount', () => {
    const facts = cleanMall();
    facts.payments.succeeded = [];
    expect(invariants(facts)).toEqual(['paid-order-without-charge']);
    const other = cleanMall();
    other.payments.succeeded = [{ orderId: 'o1', amountCents: 499 }];
    expect(invariants(other)).toEqual(['charge-without-paid-order']);
  });

  it('reports a broken stock ledger, a reserved count that differs from the reservations, and units sold twice', () => {
    const facts = cleanMall();
    facts.products.products[0]!.onHand = 7; // a unit vanished
    expect(invariants(facts)).toEqual(['stock-ledger']);
    const reserved = cleanMall();
    reserved.products.products[0]!.reservedLines = 3;
    expect(invariants(reserved)).toEqual(['reserved-count']);
    const twice = cleanMall();
    twice.products.products[0]!.sold = 4;
    twice.products.products[0]!.onHand = 6;
    expect(invariants(twice)).toEqual(['units-sold']);
  });

  it('reports stock held for an order that is not pending, after the grace of a saga on its way', () => {
    const facts = cleanMall();
    facts.products.reservations.push({ orderId: 'o3', ageSeconds: 30 });
    expect(invariants(facts)).toEqual([]);
    facts.products.reservations.push({ orderId: 'o4', ageSeconds: 300 });
    expect(invariants(facts)).toEqual(['reservation-without-pending-order']);
  });

  it('leaves the orders of sagas in flight out of the money checks', () => {
    const facts = cleanMall();
    facts.payments.succeeded.push({ orderId: 'o5', amountCents: 100 });
    facts.inFlight = ['o5'];
    expect(invariants(facts)).toEqual([]);
  });

  it('reports overdue sagas and outbox rows past their deadline', () => {
    const facts = cleanMall();
    facts.overdueSagas = [
      {
        id: 's1',
        userId: 'u1',
        status: 'stuck',
        stepIndex: 3,
        attempts: 6,
        failure: null,
        createdAt: '2026-01-01T00:00:00.000Z',
        updatedAt: '2026-01-01T00:00:00.000Z',
        ageSeconds: 900,
      },
    ];
    facts.payments.outbox = { overdue: 2, oldestSeconds: 400 };
    expect(invariants(facts)).toEqual(['saga-overdue', 'outbox-overdue']);
  });
});
