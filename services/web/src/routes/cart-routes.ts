import { AppError } from '@gomall/kit';
import Router from '@koa/router';
import type { Context } from 'koa';
import { z } from 'zod';
import { readableError } from '../domain/api-errors';
import type { ShopperCarts } from '../domain/shopper-cart';
import { pageOf, postedForm, redirectWith } from '../http/page-state';
import { cartPage } from '../views/pages/cart-pages';

const productId = z.string().trim().min(1).max(64);
const addFormSchema = z.object({
  productId,
  quantity: z.coerce.number().int().min(1, 'Choose at least 1').max(99, 'At most 99 per product'),
});
const updateFormSchema = z.object({
  productId,
  quantity: z.coerce
    .number()
    .int()
    .min(0, 'Quantity cannot be negative')
    .max(99, 'At most 99 per product'),
});

/** The cart page and its three forms (add from a product page, change quantity, remove). */
export function cartRoutes(carts: ShopperCarts): Router {
  const router = new Router();

  router.get('/cart', async (ctx) => {
    const page = pageOf(ctx);
    ctx.type = 'html';
    ctx.body = cartPage(page, await carts.view(page));
  });

  /** A refused change shows the cart again with the reason, instead of an error page. */
  const tryChange = async (ctx: Context, change: () => Promise<string | undefined>) => {
    const page = pageOf(ctx);
    try {
      const message = await change();
      redirectWith(ctx, '/cart', message);
    } catch (error) {
      if (!(error instanceof AppError) || error.status >= 500 || error.status === 401) throw error;
      ctx.type = 'html';
      ctx.body = cartPage(page, { ...(await carts.view(page)), error: readableError(error) });
    }
  };

  router.post('/cart/add', async (ctx) => {
    const form = await postedForm(ctx);
    await tryChange(ctx, async () => {
      const parsed = addFormSchema.safeParse(form);
      if (!parsed.success)
        throw new AppError(400, 'VALIDATION_FAILED', parsed.error.issues[0]!.message);
      const name = await carts.add(pageOf(ctx), parsed.data.productId, parsed.data.quantity);
      return `Added ${parsed.data.quantity} × ${name} to your cart.`;
    });
  });

  router.post('/cart/update', async (ctx) => {
    const form = await postedForm(ctx);
    await tryChange(ctx, async () => {
      const parsed = updateFormSchema.safeParse(form);
      if (!parsed.success)
        throw new AppError(400, 'VALIDATION_FAILED', parsed.error.issues[0]!.message);
      await carts.setQuantity(pageOf(ctx), parsed.data.productId, parsed.data.quantity);
      return 'Your cart was updated.';
    });
  });

  router.post('/cart/remove', async (ctx) => {
    const form = await postedForm(ctx);
    await tryChange(ctx, async () => {
      const parsed = productId.safeParse(form.productId);
      if (!parsed.success) throw new AppError(400, 'VALIDATION_FAILED', 'No product given');
      await carts.remove(pageOf(ctx), parsed.data);
      return 'The item was removed.';
    });
  });

  return router;
}
