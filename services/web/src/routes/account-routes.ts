import { AppError } from '@gomall/kit';
import Router from '@koa/router';
import type { Context } from 'koa';
import type { GatewayClient } from '../clients/gateway-client';
import { fieldProblems, readableError } from '../domain/api-errors';
import type { ShopperCarts } from '../domain/shopper-cart';
import { safeNext } from '../http/html-errors';
import { pageOf, postedForm, redirectWith, type PageState } from '../http/page-state';
import type { Errors } from '../views/components';
import { accountPage, signInPage, signUpPage } from '../views/pages/account-pages';

/** The API's field paths (`body.password`) as the form's field names. */
function formErrors(error: AppError): Errors {
  const errors: Errors = {};
  for (const problem of fieldProblems(error)) {
    const name = problem.path.replace(/^body\./, '');
    errors[name] ??= problem.message;
  }
  return errors;
}

/** Sign up, sign in, sign out and the profile page; sign-in merges the guest cart. */
export function accountRoutes(api: GatewayClient, carts: ShopperCarts): Router {
  const router = new Router();

  /** Logs in, remembers the login in cookies and merges the guest cart; returns where to go. */
  async function signIn(
    ctx: Context,
    page: PageState,
    email: string,
    password: string,
    next?: string,
  ) {
    const pair = await api.login(page.session.anonymous, { email, password });
    const caller = { ...page.session.anonymous, token: pair.accessToken };
    const user = await api.me(caller);
    page.session.start(pair, user);
    const merged = await carts.mergeGuestCart(page, caller);
    const welcome = `Welcome, ${user.name}!`;
    redirectWith(
      ctx,
      safeNext(next) ?? '/',
      merged > 0
        ? `${welcome} Your guest cart was added to your cart (${merged} ${merged === 1 ? 'product' : 'products'}).`
        : welcome,
    );
  }

  router.get('/signin', (ctx) => {
    const page = pageOf(ctx);
    ctx.type = 'html';
    ctx.body = signInPage(page, { next: safeNext(String(ctx.query.next ?? '')) });
  });

  router.post('/signin', async (ctx) => {
    const page = pageOf(ctx);
    const form = await postedForm(ctx);
    const email = (form.email ?? '').trim();
    try {
      await signIn(ctx, page, email, form.password ?? '', form.next);
    } catch (error) {
      if (!(error instanceof AppError) || error.status >= 500) throw error;
      ctx.type = 'html';
      ctx.body = signInPage(page, {
        error:
          error.status === 401
            ? 'That email and password do not match an account.'
            : readableError(error),
        errors: formErrors(error),
        email,
        next: safeNext(form.next),
      });
    }
  });

  router.get('/signup', (ctx) => {
    const page = pageOf(ctx);
    ctx.type = 'html';
    ctx.body = signUpPage(page, { next: safeNext(String(ctx.query.next ?? '')) });
  });

  router.post('/signup', async (ctx) => {
    const page = pageOf(ctx);
    const form = await postedForm(ctx);
    const view = {
      email: (form.email ?? '').trim(),
      name: (form.name ?? '').trim(),
      next: safeNext(form.next),
    };
    const password = form.password ?? '';
    if (password.length < 8) {
      ctx.type = 'html';
      ctx.body = signUpPage(page, {
        ...view,
        error: 'Choose a password of at least 8 characters.',
        errors: { password: 'At least 8 characters.' },
      });
      return;
    }
    try {
      await api.register(page.session.anonymous, { email: view.email, password, name: view.name });
      await signIn(ctx, page, view.email, password, form.next);
    } catch (error) {
      if (!(error instanceof AppError) || error.status >= 500) throw error;
      ctx.type = 'html';
      ctx.body = signUpPage(page, {
        ...view,
        error:
          error.status === 409
            ? 'An account with this email exists already. Sign in instead.'
            : readableError(error),
        errors: formErrors(error),
      });
    }
  });

  router.post('/signout', async (ctx) => {
    const page = pageOf(ctx);
    await postedForm(ctx);
    await page.session.end();
    redirectWith(ctx, '/', 'You are signed out.');
  });

  router.get('/account', async (ctx) => {
    const page = pageOf(ctx);
    const user = await page.session.as((c) => api.me(c));
    ctx.type = 'html';
    ctx.body = accountPage(page, user);
  });

  /** Profile changes: success redirects with a message, a refusal shows the page with it. */
  const change = async (
    ctx: Context,
    body: { name?: string; password?: string; currentPassword?: string },
    done: string,
  ) => {
    const page = pageOf(ctx);
    try {
      const user = await page.session.as((c) => api.updateMe(c, body));
      page.session.remember(user);
      redirectWith(ctx, '/account', done);
    } catch (error) {
      if (!(error instanceof AppError) || error.status >= 500 || error.status === 401) throw error;
      const user = await page.session.as((c) => api.me(c));
      ctx.type = 'html';
      ctx.body = accountPage(page, user, {
        error: error.status === 403 ? 'Your current password is not right.' : readableError(error),
        errors:
          error.status === 403
            ? { currentPassword: 'Not your current password.' }
            : formErrors(error),
      });
    }
  };

  router.post('/account/name', async (ctx) => {
    const form = await postedForm(ctx);
    await change(ctx, { name: (form.name ?? '').trim() }, 'Your name was saved.');
  });

  router.post('/account/password', async (ctx) => {
    const form = await postedForm(ctx);
    await change(
      ctx,
      { password: form.password ?? '', currentPassword: form.currentPassword ?? '' },
      'Your password was changed.',
    );
  });

  return router;
}
