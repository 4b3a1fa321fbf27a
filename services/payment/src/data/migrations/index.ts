import {
  addOutboxAttempts,
  createInboxTable,
  createOutboxTable,
  indexInboxByAge,
  type Migration,
} from '@gomall/kit/db';
import { createPayments } from './0001-create-payments';
import { voidPayments } from './0004-void-payments';

/** Every schema change of the payment service, in order. Never edit one that has shipped. */
export const migrations: Migration[] = [
  createPayments,
  createInboxTable('0002-create-inbox'),
  createOutboxTable('0003-create-outbox'),
  voidPayments,
  addOutboxAttempts('0005-outbox-attempts'),
  indexInboxByAge('0006-inbox-by-age'),
];
