import type { Migration } from '@gomall/kit/db';
import { createCheckout } from './0001-create-checkout';
import { sagaRuns } from './0002-saga-runs';

/** Every schema change of the checkout service, in order. Never edit one that has shipped. */
export const migrations: Migration[] = [createCheckout, sagaRuns];
