import { AppError } from '@gomall/kit';
import Router from '@koa/router';
import type { Context, Next } from 'koa';
import { z } from 'zod';
import type { CreateProductInput } from '@gomall/contracts';
import type { GatewayClient } from '../clients/gateway-client';
import { fieldProblems, readableError } from '../domain/api-errors';
import { formatCents, parseDollars } from '../domain/money';
import { param, pageOf, postedForm, redirectWith } from '../http/page-state';
import { SignInRequired } from '../session/session';
import type { Errors } from '../views/components';
import {
  adminHomePage,
  editProductPage,
  newProductPage,
  type ProductForm,
} from '../views/pages/admin-pages';

const pageQuery = z.coerce.number().int().min(1).max(10_000).catch(1);
const CATEGORY = /^[a-z0-9][a-z0-9-]{0,63}$/;

/** The admin form's fields as the API's product body, or what to fix. */
function parseProductForm(
  form: ProductForm,
): { body: CreateProductInput; stock?: number } | { errors: Errors } {
  const errors: Errors = {};
  const name = (form.name ?? '').trim();
  if (!name) errors.name = 'Enter a name';
  const priceCents = parseDollars(form.price ?? '');
  if (priceCents === undefined) errors.price = 'Enter a price like 19.99';
  const categories = (form.categories ?? '')
    .split(',')
    .map((c) => c.trim().toLowerCase())
    .filter(Boolean);
  if (categories.some((c) => !CATEGORY.test(c))) {
    errors.categories = 'Use lower-case words, digits and dashes, separated by commas';
  }
  let stock: number | undefined;
  if (form.stock !== undefined) {
    stock = Number(form.stock);
    if (!Number.isInteger(stock) || stock < 0) errors.stock = 'Enter a whole number, 0 or more';
  }
  if (Object.keys(errors).length > 0) return { errors };
  return {
    body: { name, description: form.description ?? '', priceCents: priceCents!, categories },
    stock,
  };
}

const apiErrors = (error: AppError): Errors => {
  const errors: Errors = {};
  for (const p of fieldProblems(error)) {
    const key = p.path
      .replace(/^body\./, '')
      .replace(/^priceCents$/, 'price')
      .split('.')[0]!;
    errors[key] ??= p.message;
  }
  return errors;
};

const formOf = (form: Record<string, string>): ProductForm => ({
  name: form.name,
  description: form.description,
  price: form.price,
  categories: form.categories,
  stock: form.stock,
});

/**
 * Admin pages need a signed-in admin (the gateway checks the role on every call too). The roles
 * are read from the API, not from the sign-in cookie: an admin may have changed them since, and
 * a promotion or a demotion counts from the next page like it does in the API.
 */
export function requireShopAdmin(api: GatewayClient) {
  return async (ctx: Context, next: Next): Promise<void> => {
    const page = pageOf(ctx);
    if (!page.session.signedIn) throw new SignInRequired();
    const user = await page.session.as((c) => api.me(c));
    page.session.remember(user);
    if (!user.roles.includes('admin'))
      throw new AppError(403, 'FORBIDDEN', 'Only shop admins can open this page.');
    await next();
  };
}

/** Catalog, stock and shipping for admins (the gateway checks the role on every call too). */
export function adminRoutes(api: GatewayClient): Router {
  const router = new Router({ prefix: '/admin' });

  router.use(requireShopAdmin(api));

  const home = async (ctx: Context, view: { error?: string; orderId?: string } = {}) => {
    const page = pageOf(ctx);
    const products = await api.products(page.session.anonymous, {
      page: pageQuery.parse(ctx.query.page),
      pageSize: 20,
      sort: '-createdAt',
    });
    ctx.type = 'html';
    ctx.body = adminHomePage(page, products, view);
  };

  router.get('/', (ctx) => home(ctx));

  router.post('/orders/ship', async (ctx) => {
    const page = pageOf(ctx);
    const form = await postedForm(ctx);
    const orderId = (form.orderId ?? '').trim();
    try {
      if (!orderId) throw new AppError(400, 'VALIDATION_FAILED', 'Enter an order id.');
      const order = await page.session.as((c) => api.shipOrder(c, orderId));
      redirectWith(ctx, '/admin', `Order ${order.id} is now ${order.status}.`);
    } catch (error) {
      if (!(error instanceof AppError) || error.status >= 500 || error.status === 401) throw error;
      await home(ctx, {
        orderId,
        error: error.status === 409 ? 'Only a paid order can be shipped.' : readableError(error),
      });
    }
  });

  router.get('/products/new', (ctx) => {
    ctx.type = 'html';
    ctx.body = newProductPage(pageOf(ctx));
  });

  router.post('/products/new', async (ctx) => {
    const page = pageOf(ctx);
    const form = formOf(await postedForm(ctx));
    const parsed = parseProductForm(form);
    const again = (view: { error?: string; errors?: Errors }) => {
      ctx.type = 'html';
      ctx.body = newProductPage(page, form, view);
    };
    if ('errors' in parsed)
      return again({ error: 'Please check the highlighted fields.', errors: parsed.errors });
    try {
      const product = await page.session.as((c) =>
        api.createProduct(c, { ...parsed.body, stock: parsed.stock ?? 0 }),
      );
      redirectWith(
        ctx,
        `/admin/products/${encodeURIComponent(product.id)}`,
        `${product.name} was added to the shop.`,
      );
    } catch (error) {
      if (!(error instanceof AppError) || error.status >= 500 || error.status === 401) throw error;
      again({ error: readableError(error), errors: apiErrors(error) });
    }
  });

  router.get('/products/:id', async (ctx) => {
    const page = pageOf(ctx);
    const product = await api.product(page.session.anonymous, param(ctx, 'id'));
    ctx.type = 'html';
    ctx.body = editProductPage(page, product, {
      name: product.name,
      description: product.description,
      price: formatCents(product.priceCents).replace(/^\$/, '').replace(/,/g, ''),
      categories: product.categories.join(', '),
    });
  });

  router.post('/products/:id', async (ctx) => {
    const page = pageOf(ctx);
    const form = formOf(await postedForm(ctx));
    const id = param(ctx, 'id');
    const parsed = parseProductForm({ ...form, stock: undefined });
    const again = async (view: { error?: string; errors?: Errors }) => {
      const product = await api.product(page.session.anonymous, id);
      ctx.type = 'html';
      ctx.body = editProductPage(page, product, form, view);
    };
    if ('errors' in parsed)
      return again({ error: 'Please check the highlighted fields.', errors: parsed.errors });
    try {
      const product = await page.session.as((c) => api.updateProduct(c, id, parsed.body));
      redirectWith(ctx, `/admin/products/${encodeURIComponent(id)}`, `${product.name} was saved.`);
    } catch (error) {
      if (!(error instanceof AppError) || error.status >= 500 || error.status === 401) throw error;
      await again({ error: readableError(error), errors: apiErrors(error) });
    }
  });

  router.post('/products/:id/stock', async (ctx) => {
    const page = pageOf(ctx);
    const form = await postedForm(ctx);
    const id = param(ctx, 'id');
    const stock = Number(form.stock);
    try {
      if (!Number.isInteger(stock) || stock < 0) {
        throw new AppError(400, 'VALIDATION_FAILED', 'Stock must be a whole number, 0 or more.');
      }
      const product = await page.session.as((c) => api.setStock(c, id, stock));
      redirectWith(
        ctx,
        `/admin/products/${encodeURIComponent(id)}`,
        `Stock of ${product.name} is now ${product.stock}.`,
      );
    } catch (error) {
      if (!(error instanceof AppError) || error.status >= 500 || error.status === 401) throw error;
      const product = await api.product(page.session.anonymous, id);
      ctx.type = 'html';
      ctx.body = editProductPage(
        page,
        product,
        {
          name: product.name,
          description: product.description,
          price: (product.priceCents / 100).toFixed(2),
          categories: product.categories.join(', '),
          stock: form.stock,
        },
        {
          error:
            error.status === 409
              ? 'Stock cannot go below what open orders have reserved.'
              : readableError(error),
          errors: { stock: error.message },
        },
      );
    }
  });

  router.post('/products/:id/delete', async (ctx) => {
    const page = pageOf(ctx);
    await postedForm(ctx);
    await page.session.as((c) => api.deleteProduct(c, param(ctx, 'id')));
    redirectWith(ctx, '/admin', 'The product was deleted. Existing orders keep their lines.');
  });

  return router;
}
