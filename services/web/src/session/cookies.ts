import type { Context } from 'koa';

/**
 * The storefront's cookies. All are HttpOnly (page scripts read none of them), SameSite=Lax (sent
 * on top-level navigation to the shop, never on cross-site subrequests or POSTs) and Secure in
 * production, where the `__Host-` prefix also pins them to this exact origin.
 */
export const COOKIE = {
  /** The refresh token (opaque, rotated on every use). */
  refresh: 'gm_rt',
  /** The short-lived access token, so a page needs no refresh call while it is valid. */
  access: 'gm_at',
  /** The signed-in shopper's name and roles, for the page header only (the gateway decides). */
  who: 'gm_who',
  guestCart: 'gm_cart',
  csrf: 'gm_csrf',
  flash: 'gm_flash',
  /** The Idempotency-Key of a checkout attempt whose answer the shopper has not seen yet. */
  checkoutAttempt: 'gm_attempt',
} as const;
type CookieName = (typeof COOKIE)[keyof typeof COOKIE];

export interface CookieJar {
  get(name: CookieName): string | undefined;
  set(name: CookieName, value: string, maxAgeSeconds?: number): void;
  clear(name: CookieName): void;
}

const REFRESH_MAX_AGE_SECONDS = 7 * 24 * 3600;

/** Every storefront cookie goes through here, so none can be set without these attributes. */
export function cookieJar(ctx: Context, secure: boolean): CookieJar {
  const fullName = (name: CookieName) => (secure ? `__Host-${name}` : name);
  const base = {
    httpOnly: true,
    sameSite: 'lax' as const,
    secure,
    path: '/',
    signed: true,
    overwrite: true,
  };
  return {
    get: (name) => {
      const raw = ctx.cookies.get(fullName(name), { signed: true });
      return raw ? Buffer.from(raw, 'base64url').toString('utf8') : undefined;
    },
    set: (name, text, maxAgeSeconds) => {
      // Cookie values are bytes, not text: messages with non-ASCII letters travel as base64url.
      const value = Buffer.from(text, 'utf8').toString('base64url');
      const maxAge =
        (maxAgeSeconds ?? (name === COOKIE.refresh ? REFRESH_MAX_AGE_SECONDS : 0)) * 1000;
      ctx.cookies.set(fullName(name), value, { ...base, ...(maxAge > 0 ? { maxAge } : {}) });
    },
    clear: (name) => ctx.cookies.set(fullName(name), '', { ...base, maxAge: 0 }),
  };
}
