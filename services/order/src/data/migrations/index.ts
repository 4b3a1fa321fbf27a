import { addOutboxAttempts, createOutboxTable, type Migration } from '@gomall/kit/db';
import { createOrders } from './0001-create-orders';
import { orderPlaceholders } from './0003-order-placeholders';
import { orderAddressChanges } from './0005-order-address-changes';

/** Every schema change of the order service, in order. Never edit one that has shipped. */
export const migrations: Migration[] = [
  createOrders,
  createOutboxTable('0002-create-outbox'),
  orderPlaceholders,
  addOutboxAttempts('0004-outbox-attempts'),
  orderAddressChanges,
];
