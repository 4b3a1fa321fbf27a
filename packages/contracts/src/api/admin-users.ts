import { z } from 'zod';
import { idOf } from '../fields';
import { pageQueryShape, pageSchema } from '../page';
import { FROM_BEFORE_TO, fromBeforeTo, timeRangeShape } from './time-range';
import { USER_ROLES, userSchema } from './users';

/** Admin tools on users and the admin audit log (extensions of shared/api.md). */

export const userIdParamsSchema = z.object({ id: idOf('a user id') });

/** `GET /admin/users`; `q`: a literal, case-insensitive substring of the email or the name. */
export const adminUserQuerySchema = z.strictObject({
  ...pageQueryShape,
  q: z.string().trim().min(1).max(100).optional(),
  role: z.enum(USER_ROLES).optional(),
  banned: z.enum(['true', 'false']).optional(),
});
export type AdminUserQuery = z.infer<typeof adminUserQuerySchema>;

export const banBodySchema = z.strictObject({ reason: z.string().trim().min(1).max(500) });
export type BanBody = z.infer<typeof banBodySchema>;

/** A set of known roles, in one order (`customer` first), without repeats. */
export const rolesBodySchema = z.strictObject({
  roles: z
    .array(z.enum(USER_ROLES))
    .min(1)
    .max(USER_ROLES.length * 2)
    .transform((roles) => USER_ROLES.filter((role) => roles.includes(role))),
});
export type RolesBody = z.infer<typeof rolesBodySchema>;

/** A user as admins see them: the public fields and whether (why, since when) they are banned. */
export const adminUserSchema = userSchema.extend({
  banned: z.boolean(),
  bannedAt: z.string().nullable(),
  bannedBy: z.string().nullable(),
  banReason: z.string().nullable(),
});
export type AdminUser = z.infer<typeof adminUserSchema>;

/** 200 of `GET /admin/users`. */
export const adminUserPageSchema = pageSchema(adminUserSchema);

/**
 * What the admin audit log records. The user actions are written by the user service in the
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
export type AuditAction = (typeof AUDIT_ACTIONS)[keyof typeof AUDIT_ACTIONS];
const ALL_ACTIONS = Object.values(AUDIT_ACTIONS) as [AuditAction, ...AuditAction[]];

/** `GET /admin/audit-log`. */
export const auditLogQuerySchema = z
  .strictObject({
    ...pageQueryShape,
    actorId: idOf('a user id').optional(),
    targetId: idOf('an id').optional(),
    action: z.enum(ALL_ACTIONS).optional(),
    ...timeRangeShape,
  })
  .refine(fromBeforeTo, FROM_BEFORE_TO);
export type AuditLogQuery = z.infer<typeof auditLogQuerySchema>;

/** One entry of the admin audit log, with the acting admin's email (null when that account is gone). */
export const auditEntrySchema = z.object({
  id: z.string(),
  at: z.string(),
  actorId: z.string(),
  actorEmail: z.string().nullable(),
  action: z.enum(ALL_ACTIONS),
  targetType: z.string(),
  targetId: z.string(),
  details: z.record(z.string(), z.unknown()),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;

/** 200 of `GET /admin/audit-log`. */
export const auditEntryPageSchema = pageSchema(auditEntrySchema);
