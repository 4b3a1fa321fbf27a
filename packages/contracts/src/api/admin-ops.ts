import { z } from 'zod';

/**
 * Operations endpoints for admins (extensions of shared/api.md): the checkout sagas and the
 * cross-service audit, both answered by the checkout service through the gateway.
 */

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

/** What made a saga roll back or park, as the checkout service stores it with the saga. */
const sagaFailureSchema = z.object({
  status: z.number().int(),
  code: z.string(),
  message: z.string(),
  details: z.unknown().optional(),
});
export type SagaFailure = z.infer<typeof sagaFailureSchema>;

/** A saga as an admin (or the audit) sees it. */
const sagaSummarySchema = z
  .object({
    id: z.string().describe('The saga id, which is also its order id'),
    userId: z.string(),
    status: z.enum(SAGA_STATUSES),
    stepIndex: z.number().int(),
    attempts: z.number().int().describe('Runs that took the saga on'),
    failure: sagaFailureSchema
      .nullable()
      .describe('What made it roll back or park: { status, code, message, details? }'),
    createdAt: z.string(),
    updatedAt: z.string(),
    ageSeconds: z
      .number()
      .int()
      .describe("Seconds since the saga started, by the database's clock"),
  })
  .meta({ id: 'Saga' });
export type SagaSummary = z.infer<typeof sagaSummarySchema>;

export const sagaListSchema = z.object({ items: z.array(sagaSummarySchema) });

/** 202 of `POST /admin/sagas/:id/retry`: the recovery sweep takes it on. */
export const sagaRetrySchema = z.object({ id: z.string(), status: z.literal('retrying') });

const details = z.record(z.string(), z.unknown());

/** `GET /admin/audit`: the money and stock invariants of the live mall, as found just now. */
export const auditReportSchema = z
  .object({
    ok: z.boolean().describe('True when no invariant is broken'),
    checkedAt: z.string(),
    findings: z
      .array(z.object({ invariant: z.string(), message: z.string(), details: details.optional() }))
      .describe('Every broken invariant found; the audit never fixes anything itself'),
    totals: details.optional().describe('What was checked (counts)'),
  })
  .meta({ id: 'AuditReport' });
