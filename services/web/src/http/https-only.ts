import { notFound } from '@gomall/kit';
import type { Middleware } from 'koa';

/**
 * With secure cookies on (production), the storefront is served over HTTPS only: its cookies are
 * `Secure` with the `__Host-` prefix, which a browser neither sends nor keeps over plain HTTP, and
 * Koa refuses to set them on a request it does not see as secure (behind the ingress, one whose
 * X-Forwarded-Proto is not https). A page asked over plain HTTP is sent to the same URL over HTTPS
 * (308 keeps the method and body); daprd's own calls to its app (`GET /dapr/config` when it
 * starts) get the 404 of a path the storefront does not serve, as in every other service.
 */
export function httpsOnly(secure: boolean): Middleware {
  return async (ctx, next) => {
    if (!secure || ctx.secure) {
      await next();
      return;
    }
    if (ctx.path.startsWith('/dapr/')) {
      ctx.status = 404;
      ctx.body = notFound('No such route').toBody();
      return;
    }
    ctx.redirect(`https://${ctx.host}${ctx.originalUrl}`);
    ctx.status = 308;
  };
}
