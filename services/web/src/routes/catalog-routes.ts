import { AppError } from '@gomall/kit';
import Router from '@koa/router';
import type { Context } from 'koa';
import { z } from 'zod';
import type { GatewayClient } from '../clients/gateway-client';
import { param, pageOf } from '../http/page-state';
import { homePage, listingPage, productPage, SORTS } from '../views/pages/catalog-pages';

const PAGE_SIZE = 12;

const listingQuerySchema = z.object({
  q: z.string().trim().max(100).optional().catch(undefined),
  category: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]{0,63}$/)
    .optional()
    .catch(undefined),
  sort: z
    .string()
    .refine((s) => s in SORTS)
    .optional()
    .catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).optional().catch(undefined),
});

/** Home, search and category listings with paging and sort, the product page. */
export function catalogRoutes(api: GatewayClient): Router {
  const router = new Router();

  router.get('/', async (ctx) => {
    const page = pageOf(ctx);
    const [categories, featured] = await Promise.all([
      api.categories(page.session.anonymous),
      api.products(page.session.anonymous, { pageSize: 8, sort: '-createdAt' }),
    ]);
    ctx.type = 'html';
    ctx.body = homePage(page, categories.items, featured.items);
  });

  const listing = (kind: 'search' | 'category') => async (ctx: Context) => {
    const page = pageOf(ctx);
    const query = listingQuerySchema.parse(ctx.query);
    const category = kind === 'category' ? String(param(ctx, 'name')) : query.category;
    if (kind === 'category' && !/^[a-z0-9][a-z0-9-]{0,63}$/.test(category ?? '')) {
      throw new AppError(404, 'NOT_FOUND', 'No such category');
    }
    const sort = query.sort ?? (kind === 'search' && query.q ? 'name' : '-createdAt');
    const [result, categories] = await Promise.all([
      api.products(page.session.anonymous, {
        page: query.page ?? 1,
        pageSize: PAGE_SIZE,
        q: query.q || undefined,
        category,
        sort,
      }),
      api.categories(page.session.anonymous),
    ]);
    ctx.type = 'html';
    ctx.body = listingPage(page, {
      title:
        kind === 'category'
          ? `Category: ${category}`
          : query.q
            ? `Results for “${query.q}”`
            : 'All products',
      base: kind === 'category' ? `/category/${encodeURIComponent(category ?? '')}` : '/search',
      q: kind === 'search' ? (query.q ?? '') : undefined,
      category,
      sort,
      result,
      categories: categories.items,
    });
  };
  router.get('/search', listing('search'));
  router.get('/category/:name', listing('category'));

  router.get('/products/:id', async (ctx) => {
    const page = pageOf(ctx);
    const product = await api.product(page.session.anonymous, param(ctx, 'id'));
    ctx.type = 'html';
    ctx.body = productPage(page, product);
  });

  return router;
}
