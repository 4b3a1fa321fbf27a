import type { SagaStep } from './step';
import { STEP_IDS, type StepId } from './step-ids';
import { chargePaymentStep } from './steps/charge-payment';
import { commitStockStep } from './steps/commit-stock';
import { createOrderStep } from './steps/create-order';
import { emptyCartStep } from './steps/empty-cart';
import { loadCartStep } from './steps/load-cart';
import { markOrderPaidStep } from './steps/mark-order-paid';
import { reserveStockStep } from './steps/reserve-stock';

/** The checkout workflow: only the sequence; each step's behaviour lives in its own file. */
export const CHECKOUT_STEPS: readonly SagaStep[] = [
  loadCartStep,
  reserveStockStep,
  createOrderStep,
  chargePaymentStep,
  markOrderPaidStep,
  commitStockStep,
  emptyCartStep,
];

export const stepIndex = (id: StepId): number => STEP_IDS.indexOf(id);
/** Once past this step the buyer has paid. */
export const PIVOT_INDEX = stepIndex('charge-payment');
