import { randomBytes, timingSafeEqual } from 'node:crypto';
import { AppError } from '@gomall/kit';
import type { Context } from 'koa';
import { COOKIE, type CookieJar } from '../session/cookies';

/** The hidden form field every POST form carries. */
export const CSRF_FIELD = '_csrf';

/**
 * The browser's CSRF token: a random value in a signed HttpOnly cookie, repeated in every form.
 * Another site can make the browser send the cookie (in theory; SameSite=Lax already stops
 * cross-site POSTs) but can neither read it nor forge a signed one, so it cannot fill the field.
 */
export function csrfToken(cookies: CookieJar): string {
  let token = cookies.get(COOKIE.csrf);
  if (!token) {
    token = randomBytes(24).toString('base64url');
    cookies.set(COOKIE.csrf, token);
  }
  return token;
}

const same = (a: string, b: string) =>
  a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

/** Refuses a state-changing request that did not come from one of our own pages. */
export function checkCsrf(ctx: Context, cookies: CookieJar, submitted: string | undefined): void {
  const origin = ctx.get('origin');
  // Browsers send Origin on every POST; when present it must be us (defence in depth).
  if (origin && origin !== 'null' && origin !== ctx.origin) {
    throw new AppError(403, 'FORBIDDEN', 'This form was sent from another site.');
  }
  const expected = cookies.get(COOKIE.csrf);
  if (!expected || !submitted || !same(expected, submitted)) {
    throw new AppError(
      403,
      'FORBIDDEN',
      'This form has expired or was not sent from this shop. Reload the page and try again.',
    );
  }
}
