import {
  adminUserSchema,
  auditEntrySchema,
  orderSchema,
  pageSchema,
  productSchema,
  userSchema,
} from '@gomall/contracts';
import { z } from 'zod';

/** Answers only the gateway describes: pages of the contracts' items, and the admin operations. */
export const productPageSchema = pageSchema(productSchema).meta({ id: 'ProductPage' });
export const orderPageSchema = pageSchema(orderSchema).meta({ id: 'OrderPage' });
export const adminUserPageSchema = pageSchema(adminUserSchema);
export const auditEntryPageSchema = pageSchema(auditEntrySchema);

/** 201 of POST /auth/register. */
export const registeredSchema = z.object({ user: userSchema });

const SAGA_STATUSES = [
  'running',
  'compensating',
  'completed',
  'compensated',
  'failed',
  'stuck',
] as const;
const details = z.record(z.string(), z.unknown());

const sagaSchema = z
  .object({
    id: z.string().describe('The saga id, which is also its order id'),
    userId: z.string(),
    status: z.enum(SAGA_STATUSES),
    stepIndex: z.number().int(),
    attempts: z.number().int().describe('Runs that took the saga on'),
    failure: details
      .nullable()
      .optional()
      .describe('What made it roll back or park: { status, code, message, details? }'),
    createdAt: z.string(),
    updatedAt: z.string(),
    ageSeconds: z.number().int().optional(),
  })
  .meta({ id: 'Saga' });

export const sagaListSchema = z.object({ items: z.array(sagaSchema) });

export const sagaRetrySchema = z.object({ id: z.string(), status: z.literal('retrying') });

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
