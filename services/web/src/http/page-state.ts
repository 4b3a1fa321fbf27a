import { AppError } from '@gomall/kit';
import type { Context, Middleware } from 'koa';
import type { GatewayClient } from '../clients/gateway-client';
import { cookieJar, COOKIE, type CookieJar } from '../session/cookies';
import type { RefreshFlights } from '../session/refresh-flight';
import { Session } from '../session/session';
import { checkCsrf, csrfToken, CSRF_FIELD } from './csrf';
import { readForm, type Form } from './form-body';

/** What every storefront page handler works with. */
export interface PageState {
  cookies: CookieJar;
  session: Session;
  csrf: string;
  /** A one-time message from the previous request (after a redirect). */
  flash?: string;
}

export function pageState(
  api: GatewayClient,
  flights: RefreshFlights,
  secure: boolean,
  trustedHops: number,
): Middleware {
  return async (ctx, next) => {
    const cookies = cookieJar(ctx, secure);
    const flash = cookies.get(COOKIE.flash);
    if (flash) cookies.clear(COOKIE.flash);
    const state: PageState = {
      cookies,
      session: new Session(cookies, api, flights, clientIp(ctx, trustedHops)),
      csrf: csrfToken(cookies),
      flash,
    };
    ctx.state.page = state;
    await next();
  };
}

export const pageOf = (ctx: Context): PageState => ctx.state.page as PageState;

/** The shopper's address: the socket's, or what the trusted proxies in front of us saw. */
function clientIp(ctx: Context, trustedHops: number): string {
  const socketIp = ctx.req.socket.remoteAddress ?? 'unknown';
  if (trustedHops === 0) return socketIp;
  const forwarded = ctx
    .get('x-forwarded-for')
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  return forwarded[forwarded.length - trustedHops] ?? forwarded[0] ?? socketIp;
}

/** A POSTed form whose CSRF token has been checked. */
export async function postedForm(ctx: Context): Promise<Form> {
  const form = await readForm(ctx);
  checkCsrf(ctx, pageOf(ctx).cookies, form[CSRF_FIELD]);
  return form;
}

/** Post/redirect/get with a message for the next page. */
export function redirectWith(ctx: Context, location: string, flash?: string): void {
  if (flash) pageOf(ctx).cookies.set(COOKIE.flash, flash);
  ctx.status = 303;
  ctx.redirect(location);
}

/** A path parameter of the matched route (always present when the route matched). */
export function param(ctx: Context, name: string): string {
  const params = (ctx as Context & { params?: Record<string, string | undefined> }).params;
  const value = params?.[name];
  if (!value) throw new AppError(404, 'NOT_FOUND', 'Not found');
  return value;
}
