import { AppError, type Logger } from '@gomall/kit';
import type { Context, Middleware } from 'koa';
import { readableError } from '../domain/api-errors';
import { SignInRequired } from '../session/session';
import { errorPage } from '../views/pages/error-page';
import { pageOf } from './page-state';

const OPERATIONS = new Set(['/healthz', '/readyz', '/metrics']);

/** Where to come back to after signing in: only paths of this shop. */
export function safeNext(value: string | undefined): string | undefined {
  if (!value || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) {
    return undefined;
  }
  return value;
}

function signInRedirect(ctx: Context): void {
  const next =
    ctx.method === 'GET'
      ? ctx.originalUrl
      : (safeNext(ctx.get('referer').replace(ctx.origin, '')) ?? '/');
  ctx.status = 303;
  ctx.redirect(`/signin?next=${encodeURIComponent(next)}`);
}

/**
 * Failures of storefront pages become HTML pages with a readable message (the kit's JSON envelope
 * is for APIs); a page that needs a signed-in shopper redirects to sign-in and back.
 */
export function htmlErrors(logger: Logger): Middleware {
  return async (ctx, next) => {
    try {
      await next();
    } catch (error) {
      if (error instanceof SignInRequired) return signInRedirect(ctx);
      const known =
        error instanceof AppError ||
        (typeof error === 'object' && error !== null && 'status' in error);
      const status =
        error instanceof AppError
          ? error.status
          : known
            ? Number((error as { status: number }).status)
            : 500;
      if (status === 401) return signInRedirect(ctx);
      if (!known || status >= 500) logger.error({ err: error, path: ctx.path }, 'page failed');
      ctx.status = status >= 400 && status < 600 ? status : 500;
      ctx.type = 'html';
      const title =
        status === 404 ? 'Not found' : status === 403 ? 'Not allowed' : 'Something went wrong';
      const message =
        status === 405
          ? 'That action is not available here.'
          : error instanceof AppError
            ? readableError(error)
            : status < 500
              ? 'That request could not be handled. Please go back and try again.'
              : readableError(error);
      ctx.body = errorPage(pageOf(ctx), title, message);
      return;
    }
    // The kit answers unknown paths with its JSON 404; a browser gets a page.
    if (
      ctx.status === 404 &&
      !OPERATIONS.has(ctx.path) &&
      typeof ctx.body === 'object' &&
      !ctx.response.is('html')
    ) {
      ctx.type = 'html';
      ctx.body = errorPage(pageOf(ctx), 'Not found', 'There is no page at this address.');
      ctx.status = 404;
    }
  };
}
