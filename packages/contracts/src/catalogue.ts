import { TOPICS, type EventTopic } from './events';

/** One service of the mall as the others and the deployment see it. */
interface CatalogueEntry {
  /** The Dapr app id the others invoke it by (its name). */
  appId: string;
  /** Its default PORT; the ops port (/healthz, /readyz, /metrics) is PORT + 1000 unless set. */
  port: number;
  /** The services it invokes: the callees' Dapr access control allows exactly these calls. */
  invokes: readonly string[];
  /** The topics it publishes (each has one publisher) and subscribes to. */
  publishes: readonly EventTopic[];
  subscribes: readonly EventTopic[];
}

/**
 * The service catalogue: every service of the mall (the operator, which deploys them, is not one),
 * in the order that fixes the local ports (tools/devstack: base + position). The kit's APP_IDS and
 * TOPIC_ROUTES and each service's default PORT are derived from it; the chart's values, the
 * operator's service list and devstack's are checked against it (test/delivery/service-catalogue).
 */
export const SERVICE_CATALOGUE = {
  gateway: {
    appId: 'gateway',
    port: 8080,
    invokes: ['user', 'auth', 'product', 'cart', 'order', 'checkout'],
    publishes: [],
    subscribes: [],
  },
  user: {
    appId: 'user',
    port: 8081,
    invokes: [],
    publishes: [TOPICS.userRegistered, TOPICS.userDeleted],
    subscribes: [],
  },
  auth: {
    appId: 'auth',
    port: 8082,
    invokes: ['user'],
    publishes: [],
    subscribes: [TOPICS.userDeleted],
  },
  product: {
    appId: 'product',
    port: 8083,
    invokes: [],
    publishes: [TOPICS.stockLow],
    subscribes: [TOPICS.orderCancelled],
  },
  cart: {
    appId: 'cart',
    port: 8084,
    invokes: ['product'],
    publishes: [],
    subscribes: [TOPICS.userDeleted],
  },
  order: {
    appId: 'order',
    port: 8085,
    invokes: ['payment', 'product'],
    publishes: [
      TOPICS.orderCreated,
      TOPICS.orderPaid,
      TOPICS.orderCancelled,
      TOPICS.orderRefunded,
      TOPICS.orderShipped,
    ],
    subscribes: [],
  },
  payment: {
    appId: 'payment',
    port: 8086,
    // Before refunding on order.cancelled, payment asks the order service for the order's status.
    invokes: ['order'],
    publishes: [TOPICS.paymentSucceeded, TOPICS.paymentFailed, TOPICS.paymentRefunded],
    subscribes: [TOPICS.orderCancelled],
  },
  checkout: {
    appId: 'checkout',
    port: 8087,
    invokes: ['cart', 'order', 'payment', 'product'],
    publishes: [],
    subscribes: [],
  },
  // The storefront: shop pages, and the public API through its sidecar.
  web: { appId: 'web', port: 8088, invokes: ['gateway'], publishes: [], subscribes: [] },
  // Mails customers about their orders: the customer's address (user), the order (order).
  notification: {
    appId: 'notification',
    port: 8089,
    invokes: ['user', 'order'],
    publishes: [],
    subscribes: [
      TOPICS.orderCreated,
      TOPICS.orderPaid,
      TOPICS.orderCancelled,
      TOPICS.orderRefunded,
      TOPICS.orderShipped,
    ],
  },
} as const satisfies Record<string, CatalogueEntry>;

export type ServiceName = keyof typeof SERVICE_CATALOGUE;
