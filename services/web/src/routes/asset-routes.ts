import { createHash } from 'node:crypto';
import Router from '@koa/router';
import { enhanceScript } from '../assets/enhance';
import { FAVICON, STYLESHEET } from '../assets/stylesheet';
import { pictureSvg } from '../domain/pictures';
import { param } from '../http/page-state';

interface Asset {
  body: string;
  type: string;
  etag: string;
}

const asset = (body: string, type: string): Asset => ({
  body,
  type,
  etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 16)}"`,
});

/**
 * The page script, stylesheet and pictures, all produced by this service at start: nothing is
 * built at run time and nothing is fetched from elsewhere.
 */
export function assetRoutes(): Router {
  const router = new Router();
  const assets: Record<string, Asset> = {
    'shop.js': asset(`"use strict";(${enhanceScript.toString()})();\n`, 'application/javascript'),
    'shop.css': asset(STYLESHEET, 'text/css'),
    'favicon.svg': asset(FAVICON, 'image/svg+xml'),
  };

  router.get('/assets/:file', (ctx) => {
    const found = assets[param(ctx, 'file')];
    if (!found) return;
    ctx.set('Cache-Control', 'public, max-age=300');
    ctx.set('ETag', found.etag);
    if (ctx.get('if-none-match') === found.etag) {
      ctx.status = 304;
      return;
    }
    ctx.type = found.type;
    ctx.body = found.body;
  });

  router.get('/pictures/:file', (ctx) => {
    const match = /^([A-Za-z0-9-]{1,64})\.svg$/.exec(param(ctx, 'file'));
    if (!match) return;
    const category = typeof ctx.query.c === 'string' ? ctx.query.c.slice(0, 64) : undefined;
    ctx.set('Cache-Control', 'public, max-age=86400, immutable');
    ctx.type = 'image/svg+xml';
    ctx.body = pictureSvg(match[1]!, category);
  });

  return router;
}
