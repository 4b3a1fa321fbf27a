import type { Page, Product } from '@gomall/contracts';
import type { PageState } from '../../http/page-state';
import { formatCents } from '../../domain/money';
import { alertBox, csrfField, field, pager, type Errors } from '../components';
import { html } from '../html';
import { layout } from '../layout';

export interface ProductForm {
  name?: string;
  description?: string;
  price?: string;
  categories?: string;
  stock?: string;
}

export function adminHomePage(
  page: PageState,
  products: Page<Product>,
  view: { error?: string; orderId?: string } = {},
): string {
  return layout(
    { title: 'Admin', page },
    html`<h1>Shop admin</h1>
      ${alertBox(view.error)}
      <p>
        <a class="button" href="/admin/products/new">Add a product</a>
        <a href="/admin/users">Users</a> · <a href="/admin/audit-log">Audit log</a>
      </p>
      <section aria-labelledby="ship-h">
        <h2 id="ship-h">Ship an order</h2>
        <form method="post" action="/admin/orders/ship" class="inline-form" data-once>
          ${csrfField(page.csrf)}
          ${field({ label: 'Order id', name: 'orderId', value: view.orderId, required: true, maxlength: 64 })}
          <button type="submit">Mark shipped</button>
        </form>
      </section>
      <section aria-labelledby="cat-h">
        <h2 id="cat-h">Catalog</h2>
        <table class="admin">
          <caption class="visually-hidden">
            Products, newest first
          </caption>
          <thead>
            <tr>
              <th scope="col">Product</th>
              <th scope="col">Categories</th>
              <th scope="col" class="num">Price</th>
              <th scope="col" class="num">Stock</th>
            </tr>
          </thead>
          <tbody>
            ${products.items.map(
              (p) =>
                html`<tr>
                  <th scope="row">
                    <a href="/admin/products/${encodeURIComponent(p.id)}">${p.name}</a>
                  </th>
                  <td>${p.categories.join(', ')}</td>
                  <td class="num">${formatCents(p.priceCents, p.currency)}</td>
                  <td class="num">${p.stock}</td>
                </tr>`,
            )}
          </tbody>
        </table>
        ${pager('/admin', {}, products.page, products.pageSize, products.total)}
      </section>`,
  );
}

function productFields(form: ProductForm, errors?: Errors) {
  return html` ${field({ label: 'Name', name: 'name', value: form.name, required: true, maxlength: 200, errors })}
    <div class="field${errors?.description ? ' invalid' : ''}">
      <label for="f-description">Description (optional)</label>
      <textarea id="f-description" name="description" rows="4" maxlength="5000">
${form.description ?? ''}</textarea>
      ${errors?.description ? html`<p class="error">${errors.description}</p>` : ''}
    </div>
    ${field({ label: 'Price in dollars', name: 'price', value: form.price, required: true, inputmode: 'decimal', hint: 'For example 19.99', errors })}
    ${field({ label: 'Categories', name: 'categories', value: form.categories, hint: 'Comma-separated, lower case, e.g. kitchen, outdoor', errors })}`;
}

export function newProductPage(
  page: PageState,
  form: ProductForm = {},
  view: { error?: string; errors?: Errors } = {},
): string {
  return layout(
    { title: 'Add a product', page },
    html`<h1>Add a product</h1>
      ${alertBox(view.error)}
      <form method="post" action="/admin/products/new" class="narrow" data-once>
        ${csrfField(page.csrf)} ${productFields(form, view.errors)}
        ${field({ label: 'Stock on hand', name: 'stock', type: 'number', value: form.stock ?? '0', min: 0, required: true, inputmode: 'numeric', errors: view.errors })}
        <button type="submit">Add product</button>
      </form>`,
  );
}

export function editProductPage(
  page: PageState,
  product: Product,
  form: ProductForm,
  view: { error?: string; errors?: Errors } = {},
): string {
  const base = `/admin/products/${encodeURIComponent(product.id)}`;
  return layout(
    { title: `Edit ${product.name}`, page },
    html`<h1>Edit ${product.name}</h1>
      ${alertBox(view.error)}
      <p><a href="/products/${encodeURIComponent(product.id)}">View in the shop</a></p>
      <form method="post" action="${base}" class="narrow" data-once>
        ${csrfField(page.csrf)} ${productFields(form, view.errors)}
        <button type="submit">Save product</button>
      </form>
      <h2>Stock</h2>
      <form method="post" action="${base}/stock" class="narrow" data-once>
        ${csrfField(page.csrf)}
        ${field({ label: 'Stock on hand', name: 'stock', type: 'number', value: form.stock ?? String(product.stock), min: 0, required: true, inputmode: 'numeric', errors: view.errors })}
        <button type="submit">Set stock</button>
      </form>
      <h2>Remove</h2>
      <form method="post" action="${base}/delete" data-once>
        ${csrfField(page.csrf)}
        <button type="submit" class="danger">Delete product</button>
      </form>`,
  );
}
