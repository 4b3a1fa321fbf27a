import { z } from 'zod';

/**
 * What the admin audit log records. The user actions are written by this service in the
 * transaction of the change; the others are reported by the gateway after the owning service did
 * them (an admin's address change of an order, a saga retry).
 */
export const AUDIT_ACTIONS = {
  userBanned: 'user.banned',
  userUnbanned: 'user.unbanned',
  userRolesChanged: 'user.roles_changed',
  orderAddressChanged: 'order.address_changed',
  sagaRetried: 'saga.retried',
} as const;
const ALL_ACTIONS = Object.values(AUDIT_ACTIONS) as [string, ...string[]];
/** Actions another service may report; the user actions only this service writes. */
const REPORTED_ACTIONS = [AUDIT_ACTIONS.orderAddressChanged, AUDIT_ACTIONS.sagaRetried] as const;

export interface NewAuditEntry {
  actorId: string;
  action: string;
  targetType: string;
  targetId: string;
  details: Record<string, unknown>;
}

export interface AuditEntry extends NewAuditEntry {
  id: string;
  at: string;
}

/** An entry as admins read it: with the acting admin's email (null when that account is gone). */
export interface AuditView extends AuditEntry {
  actorEmail: string | null;
}

const id = z.string().min(1).max(64);

export const auditQuerySchema = z
  .strictObject({
    actorId: id.optional(),
    targetId: id.optional(),
    action: z.enum(ALL_ACTIONS).optional(),
    from: z.iso.datetime({ offset: true }).optional(),
    to: z.iso.datetime({ offset: true }).optional(),
    page: z.coerce.number().int().min(1).max(1_000_000).default(1),
    pageSize: z.coerce.number().int().min(1).max(100).default(20),
  })
  .refine((q) => !q.from || !q.to || Date.parse(q.from) < Date.parse(q.to), {
    message: 'from must be before to',
    path: ['from'],
  });
export type AuditQuery = z.infer<typeof auditQuerySchema>;

/** An action another service did, reported for the log (small details only). */
export const reportedEntrySchema = z.strictObject({
  action: z.enum(REPORTED_ACTIONS),
  targetType: z.enum(['order', 'saga']),
  targetId: id,
  details: z
    .record(z.string().max(64), z.unknown())
    .refine((d) => JSON.stringify(d).length <= 4096, { message: 'must be at most 4 KiB of JSON' })
    .default({}),
});
export type ReportedEntry = z.infer<typeof reportedEntrySchema>;
