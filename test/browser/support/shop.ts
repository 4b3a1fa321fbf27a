import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import {
  adminToken,
  login,
  registerCustomer,
  type TestCustomer,
} from '../../integration/support/auth';
import { addToCart } from '../../integration/support/checkout';
import { api } from '../../integration/support/http';

/** Arranging state through the public API, and the few steps many browser tests repeat. */
export interface Product {
  id: string;
  name: string;
  stock: number;
}

export async function createShopProduct(
  stock: number,
  priceCents = 1500,
  name?: string,
): Promise<Product> {
  const res = await api<Product>('/admin/products', {
    token: await adminToken(),
    body: {
      name: name ?? `Browser test lamp ${randomUUID().slice(0, 8)}`,
      description: 'Made by the browser tests.',
      priceCents,
      stock,
      categories: ['browser-tests'],
    },
  });
  if (res.status !== 201) throw new Error(`product not created: ${res.status} ${res.text}`);
  return res.body;
}

export async function setStock(productId: string, stock: number): Promise<void> {
  const res = await api(`/admin/products/${productId}/stock`, {
    method: 'PUT',
    token: await adminToken(),
    body: { stock },
  });
  if (res.status !== 200) throw new Error(`stock not set: ${res.status} ${res.text}`);
}

/** A customer with `quantity` of a fresh product in their cart (through the API). */
export async function customerWithCart(
  quantity = 1,
  stock = 50,
): Promise<{ customer: TestCustomer; product: Product }> {
  const [customer, product] = await Promise.all([
    registerCustomer('Browser Buyer'),
    createShopProduct(stock),
  ]);
  await addToCart(customer.accessToken, product.id, quantity);
  return { customer, product };
}

/** The customer's orders, read through the API with a fresh login (the browser signed in too). */
export async function ordersOf(customer: TestCustomer) {
  const { accessToken } = await login(customer.email, customer.password);
  const res = await api<{ items: Array<{ id: string; status: string }>; total: number }>(
    '/orders',
    {
      token: accessToken,
    },
  );
  if (res.status !== 200) throw new Error(`orders not read: ${res.status} ${res.text}`);
  return res.body;
}

/** The page's flash message (what an action did). */
export const flash = (page: Page) => page.locator('.flash');
/** The page's alert (what was refused). */
export const alert = (page: Page) => page.getByRole('alert');

/** Opens the sign-in page and sends the form; where it leads is the caller's to check. */
export async function submitSignIn(
  page: Page,
  email: string,
  password: string,
  next?: string,
): Promise<void> {
  await page.goto(next === undefined ? '/signin' : `/signin?next=${encodeURIComponent(next)}`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** Signs in and waits until the shop has taken the shopper to `next`. */
export async function signIn(
  page: Page,
  email: string,
  password: string,
  next = '/',
): Promise<void> {
  await submitSignIn(page, email, password, next);
  await page.waitForURL((url) => url.pathname === next.split('?')[0]);
}

export interface CardInput {
  number: string;
  month?: string;
  year?: string;
  cvc?: string;
}

export const GOOD = { number: '4242 4242 4242 4242' };
export const DECLINED = { number: '4000 0000 0000 0002' };

/** Fills the checkout form (the page must be open). */
export async function fillCheckout(page: Page, card: CardInput): Promise<void> {
  await page.getByLabel('Full name').fill('Ada Lovelace');
  await page.getByLabel('Street and number').fill('12 Analytical Way');
  await page.getByLabel('City').fill('London');
  await page.getByLabel('Postal code').fill('N1 9GU');
  await page.getByLabel(/^Country/).fill('GB');
  await page.getByLabel('Card number').fill(card.number);
  await page.getByLabel('Expiry month (MM)').fill(card.month ?? '12');
  await page.getByLabel('Expiry year (YYYY)').fill(card.year ?? '2099');
  await page.getByLabel('Security code (CVC)').fill(card.cvc ?? '123');
}
