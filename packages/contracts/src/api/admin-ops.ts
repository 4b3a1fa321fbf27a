import { z } from 'zod';

/** Operations endpoints for admins (extensions of shared/api.md): the checkout sagas. */

const SAGA_STATUSES = [
  'running',
  'compensating',
  'completed',
  'compensated',
  'failed',
  'stuck',
] as const;
export type SagaStatus = (typeof SAGA_STATUSES)[number];

export const sagaIdParamsSchema = z.object({ id: z.uuid() });

/** `GET /admin/sagas`: the stuck ones unless `status` says otherwise. */
export const sagaListQuerySchema = z.strictObject({
  status: z.enum(SAGA_STATUSES).default('stuck'),
  limit: z
    .string()
    .regex(/^\d{1,3}$/, 'must be a whole number')
    .transform(Number)
    .pipe(z.number().int().min(1).max(500))
    .default(100),
});
export type SagaListQuery = z.infer<typeof sagaListQuerySchema>;
