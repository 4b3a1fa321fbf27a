import type { Category, Page, Product } from '@gomall/contracts';
import type { PageState } from '../../http/page-state';
import { formatCents } from '../../domain/money';
import { pictureUrl } from '../../domain/pictures';
import { alertBox, csrfField, pager, productGrid, stockState } from '../components';
import { html } from '../html';
import { layout } from '../layout';

export const SORTS: Record<string, string> = {
  name: 'Name (A–Z)',
  '-name': 'Name (Z–A)',
  price: 'Price (low to high)',
  '-price': 'Price (high to low)',
  '-createdAt': 'Newest',
};

export function homePage(page: PageState, categories: Category[], featured: Product[]): string {
  return layout(
    { title: 'Home', page },
    html`<section class="hero">
        <h1>Welcome to Gomall</h1>
        <p>Kitchen, outdoor, electronics, books and clothes, delivered.</p>
      </section>
      <section aria-labelledby="cat-h">
        <h2 id="cat-h">Categories</h2>
        <ul class="categories">
          ${categories.map(
            (c) =>
              html`<li>
                <a href="/category/${encodeURIComponent(c.name)}">${c.name}</a>
                <span class="count">${c.productCount} products</span>
              </li>`,
          )}
        </ul>
      </section>
      <section aria-labelledby="feat-h">
        <h2 id="feat-h">Featured</h2>
        ${productGrid(featured)}
      </section>`,
  );
}

export interface ListingView {
  title: string;
  base: string;
  q?: string;
  category?: string;
  sort: string;
  result: Page<Product>;
  categories: Category[];
}

export function listingPage(page: PageState, view: ListingView): string {
  const { result } = view;
  return layout(
    { title: view.title, page, query: view.q },
    html`<h1>${view.title}</h1>
      <form class="filters" method="get" action="${view.base}">
        ${view.q !== undefined ? html`<input type="hidden" name="q" value="${view.q}" />` : ''}
        ${
          view.base === '/search'
            ? html`<div class="field">
                <label for="f-category">Category</label>
                <select id="f-category" name="category">
                  <option value="">All categories</option>
                  ${view.categories.map(
                    (c) =>
                      html`<option
                        value="${c.name}"
                        ${c.name === view.category ? html`selected` : ''}
                      >
                        ${c.name}
                      </option>`,
                  )}
                </select>
              </div>`
            : ''
        }
        <div class="field">
          <label for="f-sort">Sort by</label>
          <select id="f-sort" name="sort" data-autosubmit>
            ${Object.entries(SORTS).map(
              ([value, label]) =>
                html`<option value="${value}" ${value === view.sort ? html`selected` : ''}>
                  ${label}
                </option>`,
            )}
          </select>
        </div>
        <button type="submit">Apply</button>
      </form>
      <p class="summary">${result.total} ${result.total === 1 ? 'product' : 'products'}</p>
      ${productGrid(result.items)}
      ${pager(
        view.base,
        { q: view.q, category: view.category, sort: view.sort },
        result.page,
        result.pageSize,
        result.total,
      )}`,
  );
}

export function productPage(page: PageState, product: Product, error?: string): string {
  const soldOut = product.stock <= 0;
  return layout(
    { title: product.name, page },
    html`<nav aria-label="Breadcrumb" class="crumbs">
        <a href="/">Home</a>
        ${
          product.categories[0]
            ? html` ›
                <a href="/category/${encodeURIComponent(product.categories[0])}"
                  >${product.categories[0]}</a
                >`
            : ''
        }
      </nav>
      <article class="product">
        <img src="${pictureUrl(product)}" alt="${product.name}" width="400" height="300" />
        <div>
          <h1>${product.name}</h1>
          <p class="price">${formatCents(product.priceCents, product.currency)}</p>
          <p>${stockState(product.stock)}</p>
          <p>${product.description}</p>
          ${alertBox(error)}
          <form method="post" action="/cart/add" class="add" data-once>
            ${csrfField(page.csrf)}
            <input type="hidden" name="productId" value="${product.id}" />
            <div class="field">
              <label for="f-quantity">Quantity</label>
              <input
                id="f-quantity"
                name="quantity"
                type="number"
                min="1"
                max="99"
                value="1"
                inputmode="numeric"
                required
                ${soldOut ? html`disabled` : ''}
              />
            </div>
            <button type="submit" ${soldOut ? html`disabled` : ''}>Add to cart</button>
          </form>
        </div>
      </article>`,
  );
}
