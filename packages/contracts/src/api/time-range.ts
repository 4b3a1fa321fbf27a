import { z } from 'zod';

/** A creation-time filter of an admin search: `from` inclusive, `to` exclusive. */
export const timeRangeShape = {
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
};

/** For `.refine(...)`: when both ends are given, `from` comes before `to`. */
export const fromBeforeTo = (q: { from?: string; to?: string }): boolean =>
  !q.from || !q.to || Date.parse(q.from) < Date.parse(q.to);
export const FROM_BEFORE_TO = { message: 'from must be before to', path: ['from'] };
