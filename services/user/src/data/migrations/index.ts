import type { Migration } from '@gomall/kit';
import { createUsers } from './0001-create-users';
import { createOutbox } from './0002-create-outbox';

/** Every schema change of the user service, in order. Never edit one that has shipped. */
export const migrations: Migration[] = [createUsers, createOutbox];
