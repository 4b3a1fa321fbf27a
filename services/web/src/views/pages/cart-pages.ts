import type { Address } from '@gomall/contracts';
import type { PageState } from '../../http/page-state';
import { formatCents } from '../../domain/money';
import { alertBox, csrfField, field, type Errors } from '../components';
import { html, type Html } from '../html';
import { layout } from '../layout';

export interface CartLineView {
  productId: string;
  name: string;
  quantity: number;
  unitPriceCents: number;
  lineTotalCents: number;
}

export interface CartView {
  lines: CartLineView[];
  totalCents: number;
  guest: boolean;
  error?: string;
}

function lineRow(page: PageState, line: CartLineView): Html {
  const id = `q-${line.productId}`;
  return html`<tr>
    <th scope="row"><a href="/products/${encodeURIComponent(line.productId)}">${line.name}</a></th>
    <td>${formatCents(line.unitPriceCents)}</td>
    <td>
      <form method="post" action="/cart/update" class="qty">
        ${csrfField(page.csrf)}
        <input type="hidden" name="productId" value="${line.productId}" />
        <label for="${id}" class="visually-hidden">Quantity of ${line.name}</label>
        <input
          id="${id}"
          name="quantity"
          type="number"
          min="0"
          max="99"
          value="${line.quantity}"
          inputmode="numeric"
          required
        />
        <button type="submit" class="secondary">
          Update<span class="visually-hidden"> ${line.name}</span>
        </button>
      </form>
    </td>
    <td class="num">${formatCents(line.lineTotalCents)}</td>
    <td>
      <form method="post" action="/cart/remove">
        ${csrfField(page.csrf)}
        <input type="hidden" name="productId" value="${line.productId}" />
        <button type="submit" class="link">
          Remove<span class="visually-hidden"> ${line.name}</span>
        </button>
      </form>
    </td>
  </tr>`;
}

export function cartPage(page: PageState, view: CartView): string {
  const body =
    view.lines.length === 0
      ? html`<p>Your cart is empty. <a href="/">Find something you like.</a></p>`
      : html`<table class="cart">
            <caption class="visually-hidden">
              Items in your cart
            </caption>
            <thead>
              <tr>
                <th scope="col">Product</th>
                <th scope="col">Price</th>
                <th scope="col">Quantity</th>
                <th scope="col" class="num">Total</th>
                <th scope="col"><span class="visually-hidden">Remove</span></th>
              </tr>
            </thead>
            <tbody>
              ${view.lines.map((line) => lineRow(page, line))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row" colspan="3">Total</th>
                <td class="num" id="cart-total">${formatCents(view.totalCents)}</td>
                <td></td>
              </tr>
            </tfoot>
          </table>
          ${
            view.guest
              ? html`<p>
                  You are shopping as a guest.
                  <a class="button" href="/signin?next=/checkout">Sign in to check out</a> or
                  <a href="/signup?next=/checkout">create an account</a> — your cart comes with you.
                </p>`
              : html`<p><a class="button" href="/checkout">Check out</a></p>`
          }`;
  return layout(
    { title: 'Cart', page },
    html`<h1>Your cart</h1>
      ${alertBox(view.error)} ${body}`,
  );
}

export interface CheckoutForm {
  name?: string;
  street?: string;
  city?: string;
  zipCode?: string;
  state?: string;
  country?: string;
  email?: string;
  cardNumber?: string;
  expMonth?: string;
  expYear?: string;
}

export interface CheckoutView {
  lines: CartLineView[];
  totalCents: number;
  attempt: string;
  form: CheckoutForm;
  error?: string;
  soldOut?: string[];
  errors?: Errors;
}

export function checkoutPage(page: PageState, view: CheckoutView): string {
  const f = view.form;
  const e = view.errors;
  return layout(
    { title: 'Checkout', page },
    html`<h1>Checkout</h1>
      ${alertBox(
        view.error,
        view.soldOut && view.soldOut.length > 0
          ? html`<ul class="sold-out">
                ${view.soldOut.map((s) => html`<li>${s}</li>`)}
              </ul>
              <p><a href="/cart">Change your cart</a></p>`
          : undefined,
      )}
      <section aria-labelledby="sum-h" class="summary-box">
        <h2 id="sum-h">Order summary</h2>
        <ul>
          ${view.lines.map(
            (l) =>
              html`<li>
                ${l.quantity} × ${l.name} <span class="num">${formatCents(l.lineTotalCents)}</span>
              </li>`,
          )}
        </ul>
        <p><strong>Total ${formatCents(view.totalCents)}</strong></p>
      </section>
      <form method="post" action="/checkout" class="checkout" data-once id="checkout-form">
        ${csrfField(page.csrf)}
        <input type="hidden" name="attempt" value="${view.attempt}" />
        <fieldset>
          <legend>Shipping address</legend>
          ${field({ label: 'Full name', name: 'name', value: f.name, autocomplete: 'name', required: true, maxlength: 100, errors: e })}
          ${field({ label: 'Street and number', name: 'street', value: f.street, autocomplete: 'street-address', required: true, maxlength: 200, errors: e })}
          ${field({ label: 'City', name: 'city', value: f.city, autocomplete: 'address-level2', required: true, maxlength: 100, errors: e })}
          ${field({ label: 'State or region', name: 'state', value: f.state, autocomplete: 'address-level1', maxlength: 100, errors: e })}
          ${field({ label: 'Postal code', name: 'zipCode', value: f.zipCode, autocomplete: 'postal-code', required: true, maxlength: 20, errors: e })}
          ${field({ label: 'Country (2-letter code, e.g. US)', name: 'country', value: f.country ?? 'US', autocomplete: 'country', required: true, maxlength: 2, errors: e })}
          ${field({ label: 'Email for the receipt', name: 'email', type: 'email', value: f.email, autocomplete: 'email', errors: e })}
        </fieldset>
        <fieldset>
          <legend>Card</legend>
          ${field({ label: 'Card number', name: 'cardNumber', value: f.cardNumber, autocomplete: 'cc-number', inputmode: 'numeric', required: true, maxlength: 23, errors: e })}
          <div class="row">
            ${field({ label: 'Expiry month (MM)', name: 'expMonth', value: f.expMonth, autocomplete: 'cc-exp-month', inputmode: 'numeric', required: true, maxlength: 2, errors: e })}
            ${field({ label: 'Expiry year (YYYY)', name: 'expYear', value: f.expYear, autocomplete: 'cc-exp-year', inputmode: 'numeric', required: true, maxlength: 4, errors: e })}
            ${field({ label: 'Security code (CVC)', name: 'cvv', type: 'password', autocomplete: 'cc-csc', inputmode: 'numeric', required: true, maxlength: 4, errors: e })}
          </div>
        </fieldset>
        <button type="submit" class="primary">Pay ${formatCents(view.totalCents)}</button>
      </form>`,
  );
}

function addressLines(address: Address): Html {
  return html`${address.name}<br />${address.street}<br />${address.zipCode}
    ${address.city}${address.state ? `, ${address.state}` : ''}<br />${address.country}`;
}

export { addressLines };
