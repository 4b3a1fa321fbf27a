/**
 * Dapr component names, defined once. They match dapr-components/*.yaml and the Helm chart's
 * component templates, so code, local runs and Kubernetes never drift apart.
 */
export const DAPR_COMPONENTS = {
  stateStore: 'statestore',
  pubsub: 'pubsub',
  secretStore: 'secretstore',
} as const;

/** App ids (= service names) used for service invocation. */
export const APP_IDS = {
  gateway: 'gateway',
  user: 'user',
  auth: 'auth',
  product: 'product',
  cart: 'cart',
  order: 'order',
  payment: 'payment',
  checkout: 'checkout',
} as const;
export type AppId = (typeof APP_IDS)[keyof typeof APP_IDS];

/** Pub/sub topics, defined once for publishers and subscribers. */
export const TOPICS = {
  userRegistered: 'user.registered',
  userDeleted: 'user.deleted',
  orderCreated: 'order.created',
  orderPaid: 'order.paid',
  orderCancelled: 'order.cancelled',
  orderRefunded: 'order.refunded',
  paymentSucceeded: 'payment.succeeded',
  paymentFailed: 'payment.failed',
  paymentRefunded: 'payment.refunded',
  stockLow: 'stock.low',
  /** Where daprd moves messages a subscriber dropped as poison. */
  deadLetter: 'deadletter',
} as const;
export type Topic = (typeof TOPICS)[keyof typeof TOPICS];
