import type { CartClient } from '../clients/cart-client';
import type { OrderClient } from '../clients/order-client';
import type { PaymentClient } from '../clients/payment-client';
import type { ProductClient } from '../clients/product-client';
import type { Card } from '../domain/checkout-request';
import type { SagaData } from '../domain/saga-data';
import type { StepId } from './step-ids';

/**
 * The services the steps (and the compensation, and recovery's payment check) call, each a typed
 * Dapr client acting as the buyer: only the calls the saga makes, so a test stands in for them
 * without the clients themselves.
 */
export interface StepServices {
  products: Pick<ProductClient, 'reserve' | 'commit'>;
  orders: Pick<OrderClient, 'create' | 'markPaid' | 'markCancelled'>;
  payments: Pick<PaymentClient, 'charge' | 'byOrder'>;
  carts: Pick<CartClient, 'lines' | 'clear'>;
}

interface InvokeInput {
  data: SagaData;
  services: StepServices;
  /** Only the live request has the card; it is never stored, so recovery never charges. */
  card?: Card;
  /** `<saga id>:<step id>`: the Idempotency-Key of the step's mutating call. */
  key: string;
}

/** What a failure of the step means for the saga. */
export type StepKind =
  /**
   * Its effect is undone by cancelling the order (saga/compensation.ts): the order service owns
   * the cancel, product and payment undo their part when it announces `order.cancelled`.
   */
  | 'compensable'
  /** Runs after the charge: a transient failure is retried forward; a refusal still rolls back. */
  | 'retriable'
  /** Reads only: nothing to undo. */
  | 'read-only'
  /** Its failure does not change the outcome (emptying the cart of a paid order). */
  | 'best-effort';

export interface SagaStep {
  id: StepId;
  kind: StepKind;
  /** Does the step's work and returns what it adds to the saga data. */
  invoke(input: InvokeInput): Promise<Partial<SagaData>>;
}

/** One saga step, in the style of Medusa's `createStep(id, invoke)`; its undo is the order's cancel. */
export function createStep(
  id: StepId,
  invoke: SagaStep['invoke'],
  kind: StepKind = 'compensable',
): SagaStep {
  return { id, kind, invoke };
}

/** The Idempotency-Key of one step of one saga: repeats of it are replays at the callee. */
export const stepKey = (sagaId: string, step: string): string => `${sagaId}:${step}`;
