import { z } from 'zod';

/** Accounts, logins and profiles (shared/api.md, "Auth and users"). */

/** Emails are compared trimmed and lower-cased, so `A@x.io ` and `a@x.io` are one account. */
export const accountEmailSchema = z.string().trim().toLowerCase().max(254).pipe(z.email());

// bcrypt reads at most 72 bytes; a longer password would be silently cut, so it is refused.
const MAX_PASSWORD_BYTES = 72;
const passwordSchema = z
  .string()
  .min(8, 'must be at least 8 characters')
  .refine((value) => Buffer.byteLength(value, 'utf8') <= MAX_PASSWORD_BYTES, {
    message: `must be at most ${MAX_PASSWORD_BYTES} bytes`,
  });

const userName = z.string().trim().min(1).max(100);
const refreshToken = z.string().min(1).max(512);

export const USER_ROLES = ['customer', 'admin'] as const;

/** `POST /auth/register` (and the user service's `POST /users`). */
export const registerBodySchema = z.strictObject({
  email: accountEmailSchema,
  password: passwordSchema,
  name: userName,
});
export type RegisterBody = z.infer<typeof registerBodySchema>;

/**
 * `POST /auth/login` (and the user service's `POST /credentials/verify`). Not held to the password
 * rules: a wrong password is a 401, not a 400.
 */
export const loginBodySchema = z.strictObject({
  email: z.string().trim().toLowerCase().min(1).max(254),
  password: z.string().min(1).max(1024),
});
export type LoginBody = z.infer<typeof loginBodySchema>;

export const refreshBodySchema = z.strictObject({ refreshToken });

export const logoutBodySchema = z.strictObject({ refreshToken: refreshToken.optional() });

/** `PATCH /users/me`: a new name, or a new password with the current one. */
export const updateProfileBodySchema = z
  .strictObject({
    name: userName.optional(),
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
export type UpdateProfileBody = z.infer<typeof updateProfileBodySchema>;

/** A user as every caller sees it: never the password hash. */
export const userSchema = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  roles: z.array(z.string()),
  createdAt: z.string(),
});
export type User = z.infer<typeof userSchema>;

/** 201 of `POST /auth/register` (the user service's `POST /users`), and `POST /credentials/verify`. */
export const registeredSchema = z.object({ user: userSchema });

export const tokenPairSchema = z.object({
  accessToken: z.string(),
  refreshToken: z.string(),
  tokenType: z.literal('Bearer'),
  expiresIn: z.number().int(),
});
export type TokenPair = z.infer<typeof tokenPairSchema>;
