import { z } from 'zod';

/** Every 4xx/5xx answer of the public API: `{ error: { code, message, details? } }` (shared/api.md). */
export const errorEnvelopeSchema = z
  .object({
    error: z.object({
      code: z.string().regex(/^[A-Z_]+$/),
      message: z.string(),
      details: z.unknown().optional(),
    }),
  })
  .meta({ id: 'Error' });
