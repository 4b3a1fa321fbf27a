import type { Context } from 'koa';

/**
 * The client's IP for rate limiting. Koa's `ctx.ip` trusts every X-Forwarded-For entry (the kit
 * runs Koa with `proxy: true`), which would let a client choose its own bucket; here only the
 * entries added by the `trustedHops` proxies in front of us count.
 */
/** What clientIp reads of a request: its socket and its headers. */
export type RequestFacts = Pick<Context, 'get'> & {
  req: { socket: { remoteAddress?: string | undefined } };
};

export function clientIp(ctx: RequestFacts, trustedHops: number): string {
  const socketIp = ctx.req.socket.remoteAddress ?? 'unknown';
  if (trustedHops === 0) return socketIp;
  const forwarded = ctx
    .get('x-forwarded-for')
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  // The nearest proxy appended the address it saw last; `trustedHops` entries from the right is
  // the address the outermost trusted proxy saw.
  return forwarded[forwarded.length - trustedHops] ?? forwarded[0] ?? socketIp;
}
