import { randomUUID } from 'node:crypto';
import { AppError } from '@gomall/kit';
import Router from '@koa/router';
import type { Context } from 'koa';
import type { GatewayClient } from '../clients/gateway-client';
import { fieldProblems, readableError, stockProblems } from '../domain/api-errors';
import { API_FIELD_TO_FORM, parseCheckoutForm, refill } from '../domain/checkout-form';
import type { ShopperCarts } from '../domain/shopper-cart';
import { pageOf, postedForm, redirectWith, type PageState } from '../http/page-state';
import { COOKIE } from '../session/cookies';
import { SignInRequired } from '../session/session';
import type { Errors } from '../views/components';
import { checkoutPage, type CheckoutForm } from '../views/pages/cart-pages';

const ATTEMPT = /^[A-Za-z0-9-]{8,64}$/;

/**
 * Checkout, idempotent from the browser: each attempt has one Idempotency-Key, created when the
 * page is shown and kept in the form and a cookie. A double submit or a resubmit after a network
 * failure sends the same key, so the API answers with the first order instead of buying twice.
 * Only a definite answer (an order, or a refusal the shopper must fix) ends the attempt.
 */
export function checkoutRoutes(api: GatewayClient, carts: ShopperCarts): Router {
  const router = new Router();

  /** A fresh key (the request's cookie still names the attempt that just ended). */
  const newAttempt = (page: PageState): string => {
    const fresh = randomUUID();
    page.cookies.set(COOKIE.checkoutAttempt, fresh, 3600);
    return fresh;
  };

  const attemptOf = (page: PageState): string => {
    const existing = page.cookies.get(COOKIE.checkoutAttempt);
    if (existing && ATTEMPT.test(existing)) return existing;
    return newAttempt(page);
  };

  async function show(
    ctx: Context,
    page: PageState,
    attempt: string,
    form: CheckoutForm,
    problem: { error?: string; soldOut?: string[]; errors?: Errors } = {},
  ) {
    const cart = await carts.view(page);
    if (cart.lines.length === 0) {
      redirectWith(ctx, '/cart', 'Your cart is empty: add something before checking out.');
      return;
    }
    ctx.type = 'html';
    ctx.body = checkoutPage(page, {
      lines: cart.lines,
      totalCents: cart.totalCents,
      attempt,
      form,
      ...problem,
    });
  }

  router.get('/checkout', async (ctx) => {
    const page = pageOf(ctx);
    if (!page.session.signedIn) throw new SignInRequired();
    await show(ctx, page, attemptOf(page), { name: page.session.who?.name });
  });

  router.post('/checkout', async (ctx) => {
    const page = pageOf(ctx);
    const form = await postedForm(ctx);
    if (!page.session.signedIn) throw new SignInRequired();
    const attempt = form.attempt && ATTEMPT.test(form.attempt) ? form.attempt : attemptOf(page);
    const parsed = parseCheckoutForm(form);
    if (!parsed.ok) {
      await show(ctx, page, attempt, refill(form), {
        error: 'Please check the highlighted fields.',
        errors: parsed.errors,
      });
      return;
    }
    // Until an answer arrives this attempt's key is the one to repeat (reload, back, retry).
    page.cookies.set(COOKIE.checkoutAttempt, attempt, 3600);
    const cartBefore = await carts.view(page);
    try {
      const answer = await page.session.as((c) => api.checkout(c, attempt, parsed.body));
      page.cookies.clear(COOKIE.checkoutAttempt);
      redirectWith(
        ctx,
        `/orders/${encodeURIComponent(answer.order.id)}`,
        `Thank you! Your order is ${answer.order.status} (card ending ${answer.payment.last4}).`,
      );
    } catch (error) {
      if (!(error instanceof AppError) || error.status >= 500) {
        // No definite answer: keep the same key, so pressing Pay again cannot buy twice.
        await show(ctx, page, attempt, refill(form), {
          error: `${readableError(error)} Press Pay again when you are ready: you will not be charged twice.`,
        });
        return;
      }
      if (error.status === 401) throw error;
      // A definite refusal: this attempt is over; fixing it is a new attempt with a new key.
      const next = newAttempt(page);
      const soldOut = stockProblems(error).map((p) => {
        const name = cartBefore.lines.find((l) => l.productId === p.productId)?.name ?? p.productId;
        return p.available <= 0
          ? `${name} is sold out.`
          : `${name}: only ${p.available} left (you asked for ${p.requested}).`;
      });
      const errors: Errors = {};
      for (const problem of fieldProblems(error)) {
        const name = API_FIELD_TO_FORM[problem.path];
        if (name) errors[name] ??= problem.message;
      }
      await show(ctx, page, next, refill(form), {
        error:
          soldOut.length > 0
            ? 'Some items in your cart are no longer available in the quantity you chose. Nothing was charged.'
            : readableError(error),
        soldOut,
        errors,
      });
    }
  });

  return router;
}
