import type { PageState } from '../http/page-state';
import { html, type Html } from './html';

export interface LayoutOptions {
  title: string;
  page: PageState;
  /** The search box keeps what was searched for. */
  query?: string;
}

/** Every page: skip link, header with search and account links, the flash message, main, footer. */
export function layout(options: LayoutOptions, body: Html): string {
  const { page } = options;
  const who = page.session.who;
  const account = page.session.signedIn
    ? html`<a href="/orders">Orders</a>
        <a href="/account">${who ? `Hi, ${who.name}` : 'Account'}</a>
        ${page.session.isAdmin ? html`<a href="/admin">Admin</a>` : ''}
        <form method="post" action="/signout" class="inline">
          <input type="hidden" name="_csrf" value="${page.csrf}" />
          <button type="submit" class="link">Sign out</button>
        </form>`
    : html`<a href="/signin">Sign in</a> <a href="/signup">Create account</a>`;
  return html`<!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${options.title} · Gomall</title>
        <link rel="stylesheet" href="/assets/shop.css" />
        <link rel="icon" href="/assets/favicon.svg" type="image/svg+xml" />
        <script src="/assets/shop.js" defer></script>
      </head>
      <body>
        <a class="skip" href="#main">Skip to content</a>
        <header class="site">
          <a class="brand" href="/">Gomall</a>
          <form class="search" method="get" action="/search" role="search">
            <label for="search-q" class="visually-hidden">Search products</label>
            <input
              id="search-q"
              name="q"
              type="search"
              value="${options.query ?? ''}"
              placeholder="Search products"
              maxlength="100"
            />
            <button type="submit">Search</button>
          </form>
          <nav aria-label="Account">
            <a href="/cart">Cart</a>
            ${account}
          </nav>
        </header>
        <main id="main" tabindex="-1">
          ${page.flash ? html`<p class="flash" role="status">${page.flash}</p>` : ''} ${body}
        </main>
        <footer class="site">
          <p>
            Gomall demo shop · test card 4242 4242 4242 4242 · declined card 4000 0000 0000 0002
          </p>
        </footer>
      </body>
    </html>`.value;
}
