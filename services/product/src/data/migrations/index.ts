import { addOutboxAttempts, createOutboxTable, type Migration } from '@gomall/kit/db';
import { createCatalog } from './0001-create-catalog';
import { createStockReservations } from './0002-create-stock-reservations';
import { reservationHeadsAndLedger } from './0004-reservation-heads-and-ledger';

/** Every schema change of the product service, in order. Never edit one that has shipped. */
export const migrations: Migration[] = [
  createCatalog,
  createStockReservations,
  createOutboxTable('0003-create-outbox'),
  reservationHeadsAndLedger,
  addOutboxAttempts('0005-outbox-attempts'),
];
