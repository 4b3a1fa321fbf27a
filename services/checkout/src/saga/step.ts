import type { CartClient } from '../clients/cart-client';
import type { OrderClient } from '../clients/order-client';
import type { PaymentClient } from '../clients/payment-client';
import type { ProductClient } from '../clients/product-client';
import type { Card } from '../domain/checkout-request';
import type { SagaData } from '../domain/saga-data';
import type { StepId } from './step-ids';

/** The services the steps call, each a typed Dapr client acting as the buyer. */
export interface StepServices {
  products: ProductClient;
  orders: OrderClient;
  payments: PaymentClient;
  carts: CartClient;
}

export interface InvokeInput {
  data: SagaData;
  services: StepServices;
  /** Only the live request has the card; it is never stored, so recovery never charges. */
  card?: Card;
}

export interface CompensateInput {
  data: SagaData;
  services: StepServices;
}

/** After which kind of failure the saga goes on instead of rolling back. */
export type StepKind =
  /** Undone on failure (the default). */
  | 'compensable'
  /** Runs after the charge: a transient failure is retried forward; a refusal still rolls back. */
  | 'retriable'
  /** Its failure does not change the outcome (emptying the cart of a paid order). */
  | 'best-effort';

export interface SagaStep {
  id: StepId;
  kind: StepKind;
  /** Does the step's work and returns what it adds to the saga data (what compensation needs). */
  invoke(input: InvokeInput): Promise<Partial<SagaData>>;
  /** Undoes the step. Idempotent, and a no-op when the step never acted. */
  compensate(input: CompensateInput): Promise<void>;
}

const nothingToUndo = (): Promise<void> => Promise.resolve();

/** One saga step, in the style of Medusa's `createStep(id, invoke, compensate)`. */
export function createStep(
  id: StepId,
  invoke: SagaStep['invoke'],
  compensate: SagaStep['compensate'] = nothingToUndo,
  kind: StepKind = 'compensable',
): SagaStep {
  return { id, kind, invoke, compensate };
}
