import { z } from 'zod';

/** Operations endpoints for admins (an extension of shared/api.md, see openapi/areas/admin-ops). */
const SAGA_STATUSES = [
  'running',
  'compensating',
  'completed',
  'compensated',
  'failed',
  'stuck',
] as const;

export const sagaIdParams = z.object({ id: z.uuid() });

export const sagaListQuery = z.strictObject({
  status: z.enum(SAGA_STATUSES).default('stuck'),
  limit: z
    .string()
    .regex(/^\d{1,3}$/, 'must be a whole number')
    .transform(Number)
    .pipe(z.number().int().min(1).max(500))
    .default(100),
});
export type SagaListQuery = z.infer<typeof sagaListQuery>;
