import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { login, registerCustomer, TEST_ADMIN } from '../integration/support/auth';
import { addToCart } from '../integration/support/checkout';
import { api } from '../integration/support/http';
import { PHONE, screenshot, seriousA11yViolations, useShoppers } from './support/browser';
import {
  alert,
  createShopProduct,
  customerWithCart,
  DECLINED,
  fillCheckout,
  flash,
  GOOD,
  ordersOf,
  setStock,
  signIn,
} from './support/shop';

// A real browser against the whole test mall on a shared 2-core machine.
jest.setTimeout(300_000);

// No test may leave a console error, an uncaught exception or a CSP violation behind.
const shopper = useShoppers();

async function expectAccessible(page: Page): Promise<void> {
  expect(await seriousA11yViolations(page)).toEqual([]);
}

describe('the storefront in a browser', () => {
  it('a guest browses, searches, fills a cart, signs up, checks out, and cancels for a refund', async () => {
    const { page } = await shopper();

    // The first page: light (JavaScript bytes measured on the wire) and accessible.
    const scripts: Array<Promise<number>> = [];
    page.on('response', (response) => {
      if (response.request().resourceType() === 'script') {
        scripts.push(
          response
            .request()
            .sizes()
            .then((s) => s.responseBodySize + s.responseHeadersSize),
        );
      }
    });
    await page.goto('/');
    await expect(
      page.getByRole('heading', { name: 'Welcome to Gomall' }).isVisible(),
    ).resolves.toBe(true);
    const jsBytes = (await Promise.all(scripts)).reduce((a, b) => a + b, 0);
    process.stderr.write(`[browser] first page: ${jsBytes} bytes of JavaScript transferred\n`);
    expect(jsBytes).toBeGreaterThan(0);
    expect(jsBytes).toBeLessThan(100 * 1024);
    await expect(page.getByRole('link', { name: 'books' }).isVisible()).resolves.toBe(true);
    await screenshot(page, 'home');
    await expectAccessible(page);

    // Keyboard: the first Tab reaches the skip link.
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Skip to content');

    // Search, then the product page with its picture, price and stock state.
    await page.getByLabel('Search products').fill('keyboard');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/search\?q=keyboard/);
    await page.getByRole('link', { name: 'Mechanical Keyboard' }).click();
    await page.getByRole('heading', { name: 'Mechanical Keyboard' }).waitFor();
    const picture = page.locator('article.product img');
    expect(
      await picture.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0),
    ).toBe(true);
    expect(await page.locator('.product .price').textContent()).toMatch(/^\$\d+\.\d\d$/);
    expect(await page.locator('.product .stock').textContent()).toMatch(/In stock|Only \d+ left/);
    await screenshot(page, 'product');
    await expectAccessible(page);
    await page.getByLabel('Quantity').fill('2');
    await page.getByRole('button', { name: 'Add to cart' }).click();
    await page.waitForURL(/\/cart$/);
    expect(await flash(page).textContent()).toContain('Added 2 × Mechanical Keyboard');

    // A category page, sorted by price (the select submits itself), paged.
    await page.goto('/category/books');
    await page.getByLabel('Sort by').selectOption('price');
    await page.waitForURL(/sort=price/);
    const prices = await page.locator('.grid .price').allTextContents();
    const cents = prices.map((p) => Number(p.replace(/[$,]/g, '')));
    expect(cents).toEqual([...cents].sort((a, b) => a - b));
    const firstBook = (await page.locator('.grid .name').first().textContent())!;
    await page.locator('.grid a').first().click();
    await page.getByRole('button', { name: 'Add to cart' }).click();
    await page.waitForURL(/\/cart$/);

    // The guest cart: change a quantity, see the totals.
    await page.getByLabel('Quantity of Mechanical Keyboard').fill('3');
    await page.getByRole('button', { name: 'Update Mechanical Keyboard' }).click();
    await page.waitForURL(/\/cart$/);
    expect(await flash(page).textContent()).toContain('Your cart was updated');
    expect(await page.getByLabel('Quantity of Mechanical Keyboard').inputValue()).toBe('3');
    expect(await page.locator('tbody tr').count()).toBe(2);
    await screenshot(page, 'cart');
    await expectAccessible(page);

    // Sign up from the cart: the guest cart comes along, and we land on checkout.
    await page.getByRole('link', { name: 'Sign in to check out' }).click();
    await page.getByRole('link', { name: 'Create an account' }).click();
    const email = `shopper-${randomUUID()}@gomall.test`;
    await page.getByLabel('Name').fill('Ada Shopper');
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill('correct horse battery');
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.waitForURL(/\/checkout$/);
    expect(await flash(page).textContent()).toContain(
      'Your guest cart was added to your cart (2 products)',
    );
    const summary = await page.locator('.summary-box').textContent();
    expect(summary).toContain('3 × Mechanical Keyboard');
    expect(summary).toContain(`1 × ${firstBook}`);
    await fillCheckout(page, GOOD);
    await screenshot(page, 'checkout');
    await expectAccessible(page);
    await page.getByRole('button', { name: /^Pay / }).click();

    // The order page: paid.
    await page.waitForURL(/\/orders\/[^/]+$/);
    expect(await flash(page).textContent()).toContain('Your order is paid');
    expect(await page.locator('.order-status .status').textContent()).toBe('paid');
    await screenshot(page, 'order-paid');
    await expectAccessible(page);

    // The order list, then cancelling: refunded.
    await page.getByRole('link', { name: 'All orders' }).click();
    expect(await page.locator('tbody tr').count()).toBe(1);
    await page.locator('tbody a').first().click();
    await page.getByRole('button', { name: 'Cancel and refund' }).click();
    await page.waitForURL(/\/orders\/[^/]+$/);
    expect(await flash(page).textContent()).toContain('cancelled and the payment refunded');
    expect(await page.locator('.order-status .status').textContent()).toBe('refunded');
    expect(await page.getByRole('button', { name: /Cancel/ }).count()).toBe(0);

    // The cart is empty after the purchase; signing out forgets the login.
    await page.goto('/cart');
    expect(await page.getByText('Your cart is empty').isVisible()).toBe(true);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL((url) => url.pathname === '/');
    await page.goto('/orders');
    await page.waitForURL(/\/signin\?next=%2Forders/);
  });

  it('merges a guest cart into the cart the user already has: quantities add, capped at 99', async () => {
    const [customer, a, b] = await Promise.all([
      registerCustomer('Merge Shopper'),
      createShopProduct(500),
      createShopProduct(500),
    ]);
    await addToCart(customer.accessToken, a.id, 95);
    const { page } = await shopper();
    for (const [product, quantity] of [
      [a, '10'],
      [b, '4'],
    ] as const) {
      await page.goto(`/products/${product.id}`);
      await page.getByLabel('Quantity').fill(quantity);
      await page.getByRole('button', { name: 'Add to cart' }).click();
      await page.waitForURL(/\/cart$/);
    }
    await signIn(page, customer.email, customer.password, '/cart');
    expect(await flash(page).textContent()).toContain('Your guest cart was added');
    expect(await page.getByLabel(`Quantity of ${a.name}`).inputValue()).toBe('99');
    expect(await page.getByLabel(`Quantity of ${b.name}`).inputValue()).toBe('4');
    // The guest cookie is gone: signing out shows an empty guest cart.
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.goto('/cart');
    expect(await page.getByText('Your cart is empty').isVisible()).toBe(true);
  });

  it('shows a declined card, bad card data and a sold-out line as messages, and buys nothing', async () => {
    const { customer, product } = await customerWithCart(2, 10);
    const { page } = await shopper();
    await signIn(page, customer.email, customer.password, '/checkout');

    // Card data the API refuses (fails the Luhn check): the field says so.
    await fillCheckout(page, { number: '4242 4242 4242 4241' });
    await page.getByRole('button', { name: /^Pay / }).click();
    await alert(page).waitFor();
    expect(await alert(page).textContent()).toMatch(/card/i);
    expect(await page.getByLabel('Card number').getAttribute('aria-invalid')).toBe('true');

    // A declined card.
    await fillCheckout(page, DECLINED);
    await page.getByRole('button', { name: /^Pay / }).click();
    await page.locator('.alert').getByText('Your card was declined').waitFor();
    await screenshot(page, 'checkout-declined');

    // Sold out meanwhile: the message names the line.
    await setStock(product.id, 1);
    await fillCheckout(page, GOOD);
    await page.getByRole('button', { name: /^Pay / }).click();
    await page.locator('.sold-out').waitFor();
    expect(await page.locator('.sold-out').textContent()).toContain(
      `${product.name}: only 1 left (you asked for 2).`,
    );
    await setStock(product.id, 0);
    await fillCheckout(page, GOOD);
    await page.getByRole('button', { name: /^Pay / }).click();
    await page.locator('.sold-out').getByText(`${product.name} is sold out.`).waitFor();
    await expectAccessible(page);

    const orders = await ordersOf(customer);
    expect(orders.items.map((o) => o.status)).toEqual(['cancelled']);
  });

  it('a double-submitted checkout creates one order', async () => {
    const { customer } = await customerWithCart(1);
    const { page } = await shopper();
    await signIn(page, customer.email, customer.password, '/checkout');
    await fillCheckout(page, GOOD);
    // Two submissions of the same form at once, as a double click without the page script (or
    // a resubmission) sends them: same attempt, same Idempotency-Key.
    const statuses = await page.evaluate(async () => {
      const form = document.getElementById('checkout-form') as HTMLFormElement;
      const body = new URLSearchParams(new FormData(form) as unknown as Record<string, string>);
      const post = () =>
        fetch('/checkout', { method: 'POST', body, redirect: 'manual' }).then((r) => r.type);
      return Promise.all([post(), post()]);
    });
    expect(statuses).toEqual(['opaqueredirect', 'opaqueredirect']);
    const orders = await ordersOf(customer);
    expect(orders.total).toBe(1);
    expect(orders.items[0]!.status).toBe('paid');

    // A second purchase with the button double-clicked: one more order, not two.
    const again = await createShopProduct(5);
    await addToCart((await login(customer.email, customer.password)).accessToken, again.id, 1);
    await page.goto('/checkout');
    await fillCheckout(page, GOOD);
    await page.getByRole('button', { name: /^Pay / }).dblclick();
    await page.waitForURL(/\/orders\/[^/]+$/);
    expect((await ordersOf(customer)).total).toBe(2);
  });

  it('an admin adds a product, sets its stock, and it appears in the shop', async () => {
    const { page } = await shopper();
    await signIn(page, TEST_ADMIN.email, TEST_ADMIN.password, '/admin');
    await screenshot(page, 'admin');
    await expectAccessible(page);
    const name = `Admin Teapot ${randomUUID().slice(0, 8)}`;
    await page.getByRole('link', { name: 'Add a product' }).click();
    await page.getByLabel('Name').fill(name);
    await page.getByLabel(/^Description/).fill('A teapot added in the browser.');
    await page.getByLabel('Price in dollars').fill('24.50');
    await page.getByLabel('Categories').fill('kitchen, browser-tests');
    await page.getByLabel('Stock on hand').fill('7');
    await page.getByRole('button', { name: 'Add product' }).click();
    await page.waitForURL(/\/admin\/products\/[^/]+$/);
    expect(await flash(page).textContent()).toContain(`${name} was added`);

    await page.getByLabel('Stock on hand').fill('3');
    await page.getByRole('button', { name: 'Set stock' }).click();
    expect(await flash(page).textContent()).toContain('is now 3');

    await page.getByLabel('Search products').fill(name);
    await page.keyboard.press('Enter');
    await page.getByRole('link', { name }).click();
    await page.getByRole('heading', { name }).waitFor();
    expect(await page.locator('.product .price').textContent()).toBe('$24.50');
    expect(await page.locator('.product .stock').textContent()).toBe('Only 3 left');

    // Shipping a paid order from the admin page.
    const { customer } = await customerWithCart(1);
    const paid = await api<{ order: { id: string } }>('/checkout', {
      token: customer.accessToken,
      headers: { 'idempotency-key': randomUUID() },
      body: {
        address: { name: 'A', street: 'B 1', city: 'C', zipCode: '1', country: 'US' },
        card: { number: '4242424242424242', expMonth: 12, expYear: 2099, cvv: '123' },
      },
    });
    expect(paid.status).toBe(201);
    await page.goto('/admin');
    await page.getByLabel('Order id').fill(paid.body.order.id);
    await page.getByRole('button', { name: 'Mark shipped' }).click();
    expect(await flash(page).textContent()).toContain('is now shipped');
  });

  it('works on a phone-sized screen, and a customer cannot open the admin pages', async () => {
    const { customer } = await customerWithCart(1);
    const phone = await shopper(PHONE);
    const { page } = phone;
    for (const path of ['/', '/products/edf2ab70-669d-56ec-803e-0246fc749482', '/search?q=e']) {
      await page.goto(path);
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
      expect(overflow).toBeLessThanOrEqual(0);
    }
    await screenshot(page, 'phone-search', false);
    await signIn(page, customer.email, customer.password, '/cart');
    await screenshot(page, 'phone-cart', false);
    await expectAccessible(page);
    const response = await page.goto('/admin');
    expect(response?.status()).toBe(403);
    phone.problems.length = 0; // the 403 page load is the expected error
    expect(await alert(page).textContent()).toContain('Only shop admins');
    // An unknown page is a readable 404 page, not JSON.
    const missing = await page.goto('/no-such-page');
    expect(missing?.status()).toBe(404);
    expect(await page.getByRole('heading', { name: 'Not found' }).isVisible()).toBe(true);
    phone.problems.length = 0;
  });
});
