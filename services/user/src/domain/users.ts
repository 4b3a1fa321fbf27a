import { z } from 'zod';

export const ROLES = { customer: 'customer', admin: 'admin' } as const;

/** A user as every caller sees it: never the password hash. */
export interface PublicUser {
  id: string;
  email: string;
  name: string;
  roles: string[];
  createdAt: string;
}

/** Why and since when an account is banned, and by which admin. */
export interface Ban {
  at: string;
  by: string;
  reason: string;
}

/** Emails are compared trimmed and lower-cased, so `A@x.io ` and `a@x.io` are one account. */
export const emailSchema = z.string().trim().toLowerCase().max(254).pipe(z.email());

// bcrypt reads at most 72 bytes; longer passwords would be silently truncated, so they are refused.
const MAX_PASSWORD_BYTES = 72;
const passwordSchema = z
  .string()
  .min(8, 'must be at least 8 characters')
  .refine((value) => Buffer.byteLength(value, 'utf8') <= MAX_PASSWORD_BYTES, {
    message: `must be at most ${MAX_PASSWORD_BYTES} bytes`,
  });

const nameSchema = z.string().trim().min(1).max(100);

export const registerBodySchema = z.strictObject({
  email: emailSchema,
  password: passwordSchema,
  name: nameSchema,
});
export type RegisterInput = z.infer<typeof registerBodySchema>;

/** Login attempts are not held to the password rules: a wrong password is a 401, not a 400. */
export const credentialsBodySchema = z.strictObject({
  email: z.string().trim().toLowerCase().min(1).max(254),
  password: z.string().min(1).max(1024),
});
export type Credentials = z.infer<typeof credentialsBodySchema>;

export const updateBodySchema = z
  .strictObject({
    name: nameSchema.optional(),
    password: passwordSchema.optional(),
    currentPassword: z.string().min(1).max(1024).optional(),
  })
  .refine((body) => body.name !== undefined || body.password !== undefined, {
    message: 'give a name or a password to change',
  })
  .refine((body) => body.password === undefined || body.currentPassword !== undefined, {
    message: 'a password change needs currentPassword',
    path: ['currentPassword'],
  })
  .refine((body) => body.currentPassword === undefined || body.password !== undefined, {
    message: 'currentPassword is only used with a new password',
    path: ['currentPassword'],
  });
export type UpdateInput = z.infer<typeof updateBodySchema>;

export const rolesToColumn = (roles: readonly string[]): string => roles.join(',');
export const rolesFromColumn = (column: string): string[] => column.split(',').filter(Boolean);

/** A user id in a path (an unknown one is a 404 of the lookup). */
export const userIdParamsSchema = z.object({ id: z.string().min(1).max(64) });

/** A LIKE pattern matching `q` literally anywhere (`%`, `_` and `\` are not wildcards). */
export function likePattern(q: string): string {
  return `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

const KNOWN_ROLES = [ROLES.customer, ROLES.admin] as const;

/** The admins' user search (the gateway validated it already; parsed again, never trusted). */
export const adminUserQuerySchema = z.strictObject({
  q: z.string().trim().min(1).max(100).optional(),
  role: z.enum(KNOWN_ROLES).optional(),
  banned: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
  page: z.coerce.number().int().min(1).max(1_000_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
export type AdminUserQuery = z.infer<typeof adminUserQuerySchema>;

export const banBodySchema = z.strictObject({ reason: z.string().trim().min(1).max(500) });

/** A set of known roles, in one order (`customer` first), without repeats. */
export const rolesBodySchema = z.strictObject({
  roles: z
    .array(z.enum(KNOWN_ROLES))
    .min(1)
    .max(KNOWN_ROLES.length * 2)
    .transform((roles) => KNOWN_ROLES.filter((role) => roles.includes(role))),
});

/** A user as admins see them: the public fields and whether (why, since when) they are banned. */
export interface AdminUserView extends PublicUser {
  banned: boolean;
  bannedAt: string | null;
  bannedBy: string | null;
  banReason: string | null;
}
