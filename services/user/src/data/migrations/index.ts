import { addOutboxAttempts, createIdempotencyTable, type Migration } from '@gomall/kit/db';
import { createUsers } from './0001-create-users';
import { createOutbox } from './0002-create-outbox';
import { outboxToKit } from './0003-outbox-to-kit';
import { adminUsers } from './0006-admin-users';

/** Every schema change of the user service, in order. Never edit one that has shipped. */
export const migrations: Migration[] = [
  createUsers,
  createOutbox,
  outboxToKit,
  addOutboxAttempts('0004-outbox-attempts'),
  createIdempotencyTable('0005-create-idempotent-requests'),
  adminUsers,
];
