import Mustache from 'mustache';

/** What a mail is about: one step of an order's life, one `order.*` event each. */
export type OrderMailKind = 'placed' | 'paid' | 'cancelled' | 'refunded' | 'shipped';

/** The order as the mails show it (the order service's own view; no card data exists in it). */
export interface OrderForMail {
  id: string;
  status: string;
  items: Array<{ name: string; quantity: number; unitPriceCents: number }>;
  totalCents: number;
  currency: string;
  address: Record<string, string | undefined>;
}

export interface Recipient {
  email: string;
  name: string;
}

export interface Shop {
  name: string;
  url: string;
}

export interface RenderedMail {
  to: string;
  subject: string;
  text: string;
  html: string;
}

const HEADLINES: Record<OrderMailKind, { subject: string; lead: string }> = {
  placed: {
    subject: 'We have your order {{orderRef}}',
    lead: 'Thank you for your order. We are taking your payment now.',
  },
  paid: {
    subject: 'Order {{orderRef}} is paid',
    lead: 'Your payment went through. We are getting your order ready to ship.',
  },
  cancelled: {
    subject: 'Order {{orderRef}} is cancelled',
    lead: 'Your order is cancelled. Nothing more will be charged for it.',
  },
  refunded: {
    subject: 'Order {{orderRef}} is refunded',
    lead: 'We have refunded your payment in full. Your bank may take a few days to show it.',
  },
  shipped: {
    subject: 'Order {{orderRef}} is on its way',
    lead: 'Your order has left our warehouse.',
  },
};

// Plain text and HTML from one view. Mustache escapes every {{value}} in the HTML template, so a
// product or customer name can never inject markup; the text template uses {{{value}}} (raw).
const TEXT_TEMPLATE = `Hello {{{name}}},

{{{lead}}}

Order {{{orderRef}}}
{{#lines}}
  {{{quantity}}} × {{{productName}}}  {{{lineTotal}}}
{{/lines}}
  Total  {{{total}}}
{{#shipTo}}

Ship to: {{{shipTo}}}
{{/shipTo}}

Your orders: {{{ordersUrl}}}

{{{shopName}}}
`;

const HTML_TEMPLATE = `<!doctype html>
<html lang="en"><body style="font-family: sans-serif; color: #222">
<p>Hello {{name}},</p>
<p>{{lead}}</p>
<table role="presentation" cellpadding="4">
<caption style="text-align: left"><strong>Order {{orderRef}}</strong></caption>
{{#lines}}
<tr><td>{{quantity}} ×</td><td>{{productName}}</td><td style="text-align: right">{{lineTotal}}</td></tr>
{{/lines}}
<tr><td></td><td><strong>Total</strong></td><td style="text-align: right"><strong>{{total}}</strong></td></tr>
</table>
{{#shipTo}}<p>Ship to: {{shipTo}}</p>{{/shipTo}}
<p><a href="{{ordersUrl}}">Your orders</a></p>
<p>{{shopName}}</p>
</body></html>
`;

// HTML escaping for text and attribute values (Mustache's default also escapes `/` and `=`, which
// only makes links unreadable in the mail's source).
const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};
const escapeHtml = (value: unknown): string =>
  String(value).replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);

/** Money in integer minor units, shown the customer's way (`$12.34`). */
function formatMoney(cents: number, currency: string): string {
  return new Intl.NumberFormat('en-US', { style: 'currency', currency }).format(cents / 100);
}

/** The mail for one step of one order: subject, plain text and HTML. */
export function renderOrderMail(
  kind: OrderMailKind,
  order: OrderForMail,
  to: Recipient,
  shop: Shop,
): RenderedMail {
  const money = (cents: number) => formatMoney(cents, order.currency);
  const { street, city, zipCode, country } = order.address;
  const view = {
    name: to.name,
    orderRef: order.id.slice(0, 8).toUpperCase(),
    lead: HEADLINES[kind].lead,
    lines: order.items.map((item) => ({
      quantity: item.quantity,
      productName: item.name,
      lineTotal: money(item.quantity * item.unitPriceCents),
    })),
    total: money(order.totalCents),
    shipTo: [street, [zipCode, city].filter(Boolean).join(' '), country].filter(Boolean).join(', '),
    ordersUrl: `${shop.url.replace(/\/+$/, '')}/orders/${encodeURIComponent(order.id)}`,
    shopName: shop.name,
  };
  return {
    to: to.email,
    subject: `${shop.name}: ${Mustache.render(HEADLINES[kind].subject, view, {}, { escape: (s: string) => s })}`,
    text: Mustache.render(TEXT_TEMPLATE, view),
    html: Mustache.render(HTML_TEMPLATE, view, {}, { escape: escapeHtml }),
  };
}
