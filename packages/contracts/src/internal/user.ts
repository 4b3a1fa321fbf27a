import { z } from 'zod';
import { AUDIT_ACTIONS } from '../api/admin-users';
import { idOf } from '../fields';

/** What the user service is asked by other services, beyond the public bodies it also takes. */

/**
 * An admin action another service did, reported for the log by the gateway (the user service's
 * internal `POST /admin/audit-log`; small details only). The user actions only the user service
 * writes.
 */
export const reportedActionSchema = z.strictObject({
  action: z.enum([AUDIT_ACTIONS.orderAddressChanged, AUDIT_ACTIONS.sagaRetried]),
  targetType: z.enum(['order', 'saga']),
  targetId: idOf('an id'),
  details: z
    .record(z.string().max(64), z.unknown())
    .refine((d) => JSON.stringify(d).length <= 4096, { message: 'must be at most 4 KiB of JSON' })
    .default({}),
});
/** As the user service stores it. */
export type ReportedAction = z.infer<typeof reportedActionSchema>;
/** As the gateway sends it (`details` may be left out). */
export type ReportedActionInput = z.input<typeof reportedActionSchema>;

/** `GET /users/:id/contact` (the notification service): where to write to a customer. */
export const contactSchema = z.object({ id: z.string(), email: z.string(), name: z.string() });
export type Contact = z.infer<typeof contactSchema>;
