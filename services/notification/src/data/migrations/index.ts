import { createInboxTable, type Migration } from '@gomall/kit/db';

/**
 * Every schema change of the notification service, in order. Never edit one that has shipped.
 * It keeps one thing: the ids of the events it has mailed (the inbox).
 */
export const migrations: Migration[] = [createInboxTable('0001-create-inbox')];
