import { z } from 'zod';
import { orderListQuery } from './orders';

/** Admin tools on users and the admin audit log (extensions of shared/api.md). */
const USER_ROLES = ['customer', 'admin'] as const;

export const adminUserIdParams = z.object({
  id: z.string().regex(/^[A-Za-z0-9-]{1,64}$/, 'must be a user id'),
});

/** `q`: a literal, case-insensitive substring of the email or the name. */
export const adminUserQuery = z.strictObject({
  ...orderListQuery.shape,
  q: z.string().trim().min(1).max(100).optional(),
  role: z.enum(USER_ROLES).optional(),
  banned: z.enum(['true', 'false']).optional(),
});
export type AdminUserQuery = z.infer<typeof adminUserQuery>;

export const banBody = z.strictObject({ reason: z.string().trim().min(1).max(500) });
export type BanBody = z.infer<typeof banBody>;

export const rolesBody = z.strictObject({
  roles: z.array(z.enum(USER_ROLES)).min(1).max(4),
});
export type RolesBody = z.infer<typeof rolesBody>;

const AUDIT_ACTIONS = [
  'user.banned',
  'user.unbanned',
  'user.roles_changed',
  'order.address_changed',
  'saga.retried',
] as const;

export const auditLogQuery = z
  .strictObject({
    ...orderListQuery.shape,
    actorId: adminUserIdParams.shape.id.optional(),
    targetId: adminUserIdParams.shape.id.optional(),
    action: z.enum(AUDIT_ACTIONS).optional(),
    from: z.iso.datetime({ offset: true }).optional(),
    to: z.iso.datetime({ offset: true }).optional(),
  })
  .refine((q) => !q.from || !q.to || Date.parse(q.from) < Date.parse(q.to), {
    message: 'from must be before to',
    path: ['from'],
  });
export type AuditLogQuery = z.infer<typeof auditLogQuery>;

export interface AdminUser {
  id: string;
  email: string;
  name: string;
  roles: string[];
  createdAt: string;
  banned: boolean;
  bannedAt: string | null;
  bannedBy: string | null;
  banReason: string | null;
}

export interface AuditEntry {
  id: string;
  at: string;
  actorId: string;
  actorEmail: string | null;
  action: (typeof AUDIT_ACTIONS)[number];
  targetType: string;
  targetId: string;
  details: Record<string, unknown>;
}

/** What the gateway reports for actions other services carried out. */
export interface ReportedAction {
  action: 'order.address_changed' | 'saga.retried';
  targetType: 'order' | 'saga';
  targetId: string;
  details?: Record<string, unknown>;
}
