import type { Order, Page } from '@gomall/contracts';
import type { PageState } from '../../http/page-state';
import { formatCents } from '../../domain/money';
import { alertBox, csrfField, pager, statusBadge } from '../components';
import { html } from '../html';
import { layout } from '../layout';
import { addressLines } from './cart-pages';

const STATUS_TEXT: Record<string, string> = {
  pending: 'Waiting for payment.',
  paid: 'Paid. We are preparing your parcel.',
  shipped: 'Shipped. It is on its way.',
  cancelled: 'Cancelled. Nothing was charged.',
  refunded: 'Cancelled and refunded to your card.',
};

export function ordersPage(page: PageState, orders: Page<Order>): string {
  return layout(
    { title: 'Your orders', page },
    html`<h1>Your orders</h1>
      ${
        orders.items.length === 0
          ? html`<p>No orders yet.</p>`
          : html`<table class="orders">
              <caption class="visually-hidden">
                Your orders, newest first
              </caption>
              <thead>
                <tr>
                  <th scope="col">Order</th>
                  <th scope="col">Date</th>
                  <th scope="col">Status</th>
                  <th scope="col" class="num">Total</th>
                </tr>
              </thead>
              <tbody>
                ${orders.items.map(
                  (o) =>
                    html`<tr>
                      <th scope="row">
                        <a href="/orders/${encodeURIComponent(o.id)}">${o.id.slice(0, 8)}</a>
                      </th>
                      <td>
                        ${new Date(o.createdAt).toISOString().slice(0, 16).replace('T', ' ')} UTC
                      </td>
                      <td>${statusBadge(o.status)}</td>
                      <td class="num">${formatCents(o.totalCents, o.currency)}</td>
                    </tr>`,
                )}
              </tbody>
            </table>`
      }
      ${pager('/orders', {}, orders.page, orders.pageSize, orders.total)}`,
  );
}

export function orderPage(page: PageState, order: Order, error?: string): string {
  const cancellable = order.status === 'pending' || order.status === 'paid';
  return layout(
    { title: `Order ${order.id.slice(0, 8)}`, page },
    html`<h1>Order ${order.id.slice(0, 8)}</h1>
      ${alertBox(error)}
      <p class="order-status">
        Status: ${statusBadge(order.status)} <span>${STATUS_TEXT[order.status] ?? ''}</span>
      </p>
      <table class="cart">
        <caption class="visually-hidden">
          Items of this order
        </caption>
        <thead>
          <tr>
            <th scope="col">Product</th>
            <th scope="col">Quantity</th>
            <th scope="col" class="num">Price</th>
          </tr>
        </thead>
        <tbody>
          ${order.items.map(
            (i) =>
              html`<tr>
                <th scope="row">${i.name}</th>
                <td>${i.quantity}</td>
                <td class="num">${formatCents(i.unitPriceCents * i.quantity, order.currency)}</td>
              </tr>`,
          )}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row" colspan="2">Total</th>
            <td class="num">${formatCents(order.totalCents, order.currency)}</td>
          </tr>
        </tfoot>
      </table>
      <h2>Shipping to</h2>
      <address>${addressLines(order.address)}</address>
      <p class="muted">Order id ${order.id} · placed ${order.createdAt}</p>
      ${
        cancellable
          ? html`<form
              method="post"
              action="/orders/${encodeURIComponent(order.id)}/cancel"
              data-once
            >
              ${csrfField(page.csrf)}
              <button type="submit" class="danger">
                ${order.status === 'paid' ? 'Cancel and refund' : 'Cancel order'}
              </button>
            </form>`
          : ''
      }
      <p><a href="/orders">All orders</a></p>`,
  );
}
