import type { OrderClient } from '../clients/order-client';
import type { PaymentClient } from '../clients/payment-client';
import type { ProductClient } from '../clients/product-client';
import type { SagaRepository } from '../data/saga-repository';
import { auditReport, type AuditReport } from '../domain/audit';

export interface MallAuditOptions {
  /** An unfinished saga older than this is overdue (stuck ones always are). */
  sagaDeadlineSeconds: number;
  /** An unpublished outbox event older than this is overdue. */
  outboxDeadlineSeconds: number;
  /** A reservation without a pending order younger than this may be a saga on its way. */
  reservationGraceSeconds: number;
}

/**
 * The cross-service audit: asks the order, product and payment services for their facts through
 * Dapr (their GET /admin/audit, as the calling admin) — never another service's schema — adds
 * the checkout's own sagas, and checks the invariants. Reads only. Orders of sagas still running
 * are left out of the money checks; on a busy mall a stock figure may still be caught between two
 * steps of a saga, so a finding that does not repeat on the next run was such a moment.
 */
export class MallAudit {
  constructor(
    private readonly services: {
      orders: OrderClient;
      products: ProductClient;
      payments: PaymentClient;
    },
    private readonly sagas: SagaRepository,
    private readonly options: MallAuditOptions,
  ) {}

  async run(): Promise<AuditReport> {
    const { outboxDeadlineSeconds, sagaDeadlineSeconds } = this.options;
    const inFlightBefore = await this.sagas.inFlight(sagaDeadlineSeconds);
    const [products, payments, orders] = await Promise.all([
      this.services.products.auditFacts(outboxDeadlineSeconds),
      this.services.payments.auditFacts(outboxDeadlineSeconds),
      this.services.orders.auditFacts(outboxDeadlineSeconds),
    ]);
    const inFlightAfter = await this.sagas.inFlight(sagaDeadlineSeconds);
    const overdueSagas = await this.sagas.overdue(sagaDeadlineSeconds, 100);
    return auditReport(
      {
        orders,
        products,
        payments,
        overdueSagas,
        inFlight: [...new Set([...inFlightBefore, ...inFlightAfter])],
      },
      { reservationGraceSeconds: this.options.reservationGraceSeconds },
    );
  }
}
