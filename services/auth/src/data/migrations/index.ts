import { createIdempotencyTable, type Migration } from '@gomall/kit/db';
import { createSessions } from './0001-create-sessions';

/** Every schema change of the auth service, in order. Never edit one that has shipped. */
export const migrations: Migration[] = [
  createSessions,
  createIdempotencyTable('0002-create-idempotent-requests'),
];
