import { hash } from 'node:crypto';
import type { Middleware } from 'koa';

/** How long a browser or an edge cache may keep a catalog answer without asking again. */
const CATALOG_MAX_AGE_SECONDS = 5;

/**
 * Makes a public read cacheable: a 200 JSON answer gets `Cache-Control: public, max-age=…` and a
 * strong `ETag` (a hash of the exact body), and a GET whose `If-None-Match` names the current ETag
 * is answered `304 Not Modified` without a body. The callee is still asked every time (the ETag is
 * of what it answers now), so a 304 is never staler than a 200 would be; what it saves is the body
 * on the wire and, with `max-age`, the request itself at the browser or the edge. The ETag is
 * compared whatever the request's own `Cache-Control` says (fetch() adds `no-cache` to every
 * conditional request): the comparison is with the origin's answer of this very moment.
 */
export function cacheableRead(maxAgeSeconds = CATALOG_MAX_AGE_SECONDS): Middleware {
  return async (ctx, next) => {
    await next();
    if (ctx.status !== 200 || ctx.body === undefined || ctx.body === null) return;
    // A route may hand over JSON text as it came from the callee (ProductClient.getJson).
    const body = typeof ctx.body === 'string' ? ctx.body : JSON.stringify(ctx.body);
    ctx.set('Cache-Control', `public, max-age=${maxAgeSeconds}`);
    const etag = `"${hash('sha1', body, 'base64url')}"`;
    ctx.set('ETag', etag);
    if (matches(ctx.get('if-none-match'), etag)) {
      ctx.status = 304;
      ctx.body = null;
      return;
    }
    ctx.body = body;
    ctx.type = 'application/json';
  };
}

/** RFC 9110 If-None-Match: `*` or a list of entity tags, compared weakly (W/ ignored). */
function matches(header: string, etag: string): boolean {
  if (header === '') return false;
  if (header.trim() === '*') return true;
  return header.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag);
}
