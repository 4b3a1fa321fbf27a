import { z } from 'zod';

/** The public "Auth and users" bodies (shared/api.md), validated before anything is forwarded. */
const emailSchema = z.string().trim().toLowerCase().max(254).pipe(z.email());

// bcrypt reads at most 72 bytes; a longer password would be silently cut, so it is refused.
const passwordSchema = z
  .string()
  .min(8, 'must be at least 8 characters')
  .refine((value) => Buffer.byteLength(value, 'utf8') <= 72, {
    message: 'must be at most 72 bytes',
  });

const nameSchema = z.string().trim().min(1).max(100);
const refreshTokenSchema = z.string().min(1).max(512);

export const registerBody = z.strictObject({
  email: emailSchema,
  password: passwordSchema,
  name: nameSchema,
});
export type RegisterBody = z.infer<typeof registerBody>;

/** Not held to the password rules: a wrong password is a 401, not a 400. */
export const loginBody = z.strictObject({
  email: z.string().trim().toLowerCase().min(1).max(254),
  password: z.string().min(1).max(1024),
});
export type LoginBody = z.infer<typeof loginBody>;

export const refreshBody = z.strictObject({ refreshToken: refreshTokenSchema });

export const logoutBody = z.strictObject({ refreshToken: refreshTokenSchema.optional() });

export const updateProfileBody = z
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
export type UpdateProfileBody = z.infer<typeof updateProfileBody>;

export interface User {
  id: string;
  email: string;
  name: string;
  roles: string[];
  createdAt: string;
}

export interface TokenPair {
  accessToken: string;
  refreshToken: string;
  tokenType: 'Bearer';
  expiresIn: number;
}
