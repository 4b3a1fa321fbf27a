import type { Product } from '@gomall/contracts';
import { formatCents } from '../domain/money';
import { pictureUrl } from '../domain/pictures';
import { html, type Html } from './html';

export type Errors = Record<string, string>;

export interface FieldOptions {
  label: string;
  name: string;
  type?: string;
  value?: string | number;
  errors?: Errors;
  autocomplete?: string;
  required?: boolean;
  hint?: string;
  inputmode?: string;
  maxlength?: number;
  min?: number;
  max?: number;
}

/** A labelled input whose error (if any) is announced and tied to it with aria-describedby. */
export function field(options: FieldOptions): Html {
  const id = `f-${options.name}`;
  const error = options.errors?.[options.name];
  const described = [options.hint ? `${id}-hint` : '', error ? `${id}-error` : '']
    .filter(Boolean)
    .join(' ');
  return html`<div class="field${error ? ' invalid' : ''}">
    <label for="${id}">${options.label}${options.required ? '' : ' (optional)'}</label>
    ${options.hint ? html`<p class="hint" id="${id}-hint">${options.hint}</p>` : ''}
    <input
      id="${id}"
      name="${options.name}"
      type="${options.type ?? 'text'}"
      value="${options.type === 'password' ? '' : (options.value ?? '')}"
      ${options.autocomplete ? html`autocomplete="${options.autocomplete}"` : ''}
      ${options.required ? html`required` : ''}
      ${options.inputmode ? html`inputmode="${options.inputmode}"` : ''}
      ${options.maxlength ? html`maxlength="${options.maxlength}"` : ''}
      ${options.min !== undefined ? html`min="${options.min}"` : ''}
      ${options.max !== undefined ? html`max="${options.max}"` : ''}
      ${error ? html`aria-invalid="true"` : ''}
      ${described ? html`aria-describedby="${described}"` : ''}
    />
    ${error ? html`<p class="error" id="${id}-error">${error}</p>` : ''}
  </div>`;
}

export const csrfField = (token: string): Html =>
  html`<input type="hidden" name="_csrf" value="${token}" />`;

/** The page's error summary, announced to screen readers when the page loads. */
export function alertBox(message: string | undefined, extra?: Html): Html {
  if (!message) return html``;
  return html`<div class="alert" role="alert">
    <p>${message}</p>
    ${extra ?? ''}
  </div>`;
}

export function stockState(stock: number): Html {
  if (stock <= 0) return html`<span class="stock out">Sold out</span>`;
  if (stock <= 5) return html`<span class="stock low">Only ${stock} left</span>`;
  return html`<span class="stock in">In stock</span>`;
}

function productCard(product: Product): Html {
  return html`<li class="card">
    <a href="/products/${encodeURIComponent(product.id)}">
      <img src="${pictureUrl(product)}" alt="" width="400" height="300" loading="lazy" />
      <span class="name">${product.name}</span>
    </a>
    <span class="price">${formatCents(product.priceCents, product.currency)}</span>
    ${stockState(product.stock)}
  </li>`;
}

export function productGrid(products: Product[]): Html {
  if (products.length === 0) return html`<p>No products found.</p>`;
  return html`<ul class="grid">
    ${products.map(productCard)}
  </ul>`;
}

/** Previous/next links that keep the other query parameters. */
export function pager(
  base: string,
  params: Record<string, string | undefined>,
  page: number,
  pageSize: number,
  total: number,
): Html {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  if (pages <= 1) return html``;
  const link = (target: number) => {
    const query = new URLSearchParams();
    for (const [key, value] of Object.entries(params)) if (value) query.set(key, value);
    query.set('page', String(target));
    return `${base}?${query.toString()}`;
  };
  return html`<nav class="pager" aria-label="Pages">
    ${page > 1 ? html`<a href="${link(page - 1)}" rel="prev">Previous</a>` : ''}
    <span aria-current="page">Page ${page} of ${pages}</span>
    ${page < pages ? html`<a href="${link(page + 1)}" rel="next">Next</a>` : ''}
  </nav>`;
}

export function statusBadge(status: string): Html {
  return html`<span class="status status-${status}">${status}</span>`;
}
