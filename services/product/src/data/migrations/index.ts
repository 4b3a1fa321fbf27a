import type { Migration } from '@gomall/kit';
import { createCatalog } from './0001-create-catalog';

/** Every schema change of the product service, in order. Never edit one that has shipped. */
export const migrations: Migration[] = [createCatalog];
