/** The checkout saga's steps, in the order they run. */
export const STEP_IDS = [
  'load-cart',
  'reserve-stock',
  'create-order',
  'charge-payment',
  'mark-order-paid',
  'commit-stock',
  'empty-cart',
] as const;
export type StepId = (typeof STEP_IDS)[number];
