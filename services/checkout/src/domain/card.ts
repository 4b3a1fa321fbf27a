/** The only part of a card the checkout keeps: its last four digits (idempotency fingerprint). */
export const lastFour = (number: string): string => number.slice(-4);
