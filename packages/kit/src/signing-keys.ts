import { z } from 'zod';

/**
 * HS256 access-token keys by key id, read from `JWT_KEYS` by the auth service (which signs) and
 * the gateway (which verifies), so both parse the one setting the same way. Rotation: add a new
 * kid, make it current in auth, keep the old one until the last token it signed has expired;
 * retiring a key is removing it (a token naming an unknown kid is refused).
 */
export type SigningKeys = Record<string, string>;

const KID = /^[A-Za-z0-9._-]{1,64}$/;

export const signingKeysSchema = z
  .string()
  .transform((text, ctx) => {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      ctx.addIssue({ code: 'custom', message: 'must be a JSON object of kid → secret' });
      return z.NEVER;
    }
  })
  .pipe(
    z
      .record(
        z.string().regex(KID, 'kid must be 1..64 of A-Z a-z 0-9 . _ -'),
        z.string().min(32, 'a secret needs at least 32 characters'),
      )
      .refine((keys) => Object.keys(keys).length > 0, 'needs at least one key'),
  );

const DEV_SECRET = 'gomall-dev-only-signing-secret-not-for-production';

/** Only for local runs and tests; deployments set JWT_KEYS from a secret. */
export const DEV_SIGNING_KEYS: SigningKeys = { 'dev-1': DEV_SECRET };

export const usesDevSigningKey = (keys: SigningKeys): boolean =>
  Object.values(keys).includes(DEV_SECRET);
