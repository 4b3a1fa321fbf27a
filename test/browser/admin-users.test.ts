import { randomUUID } from 'node:crypto';
import { login, registerCustomer, TEST_ADMIN } from '../integration/support/auth';
import { api } from '../integration/support/http';
import { screenshot, seriousA11yViolations, useShoppers } from './support/browser';
import { alert, flash, signIn, submitSignIn } from './support/shop';

// The storefront's admin pages for users and the audit log, in a real browser against the test
// mall: what the admin clicks must reach the API (a ban signs the customer out and refuses their
// sign-in, a role change counts at once) and land in the audit log.
jest.setTimeout(300_000);

const shopper = useShoppers();

describe('the storefront admin pages for users', () => {
  it('an admin finds a customer, bans and unbans them, changes their roles, and reads the audit log', async () => {
    const tag = `Browser${randomUUID().slice(0, 8)}`;
    const customer = await registerCustomer(`Carol ${tag}`);
    const { page } = await shopper();
    await signIn(page, TEST_ADMIN.email, TEST_ADMIN.password, '/admin');

    // Search.
    await page.getByRole('link', { name: 'Users' }).click();
    await page.getByLabel('Email or name').fill(tag);
    await page.getByRole('button', { name: 'Find users' }).click();
    await page.waitForURL(/\/admin\/users\?/);
    expect(await page.locator('table.admin tbody tr').count()).toBe(1);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.getByRole('link', { name: `Carol ${tag}` }).click();
    await page.getByRole('heading', { name: `Carol ${tag}` }).waitFor();

    // An empty reason is refused on the page, nothing happens.
    await page.getByLabel(/^Reason for the ban/).fill('  ');
    await page.getByRole('button', { name: 'Ban user' }).click();
    expect(await alert(page).textContent()).toContain('reason');

    // Ban: the customer's token stops working at once and their sign-in is refused, clearly.
    await page.getByLabel(/^Reason for the ban/).fill('Browser test ban');
    await page.getByRole('button', { name: 'Ban user' }).click();
    expect(await flash(page).textContent()).toContain('is banned');
    await screenshot(page, 'admin-user-banned');
    expect(await seriousA11yViolations(page)).toEqual([]);
    expect((await api('/users/me', { token: customer.accessToken })).status).toBe(401);
    const other = await shopper();
    await submitSignIn(other.page, customer.email, customer.password);
    expect(await alert(other.page).textContent()).toMatch(/banned/i);

    // Unban: the customer signs in again.
    await page.getByRole('button', { name: 'Lift the ban' }).click();
    expect(await flash(page).textContent()).toContain('ban of');
    const fresh = await login(customer.email, customer.password);
    await signIn(other.page, customer.email, customer.password, '/');

    // Roles: a promotion counts for the token the customer already holds, and so does the demotion.
    await page.getByLabel('Admin').check();
    await page.getByRole('button', { name: 'Save roles' }).click();
    expect(await flash(page).textContent()).toContain('customer, admin');
    expect((await api('/admin/users', { token: fresh.accessToken })).status).toBe(200);
    // …in the customer's open browser session too, without signing in again.
    expect((await other.page.goto('/admin/users'))?.status()).toBe(200);
    await page.getByLabel('Admin').uncheck();
    await page.getByRole('button', { name: 'Save roles' }).click();
    expect(await flash(page).textContent()).toContain('roles: customer.');
    expect((await api('/admin/users', { token: fresh.accessToken })).status).toBe(403);
    expect((await other.page.goto('/admin/users'))?.status()).toBe(403);
    other.problems.length = 0; // the 403 page load is the expected error

    // The audit log page: each action, newest first.
    await page.getByRole('link', { name: 'All users' }).click();
    await page.getByRole('link', { name: 'Audit log' }).click();
    await page.getByLabel('Target id').fill(customer.id);
    await page.getByRole('button', { name: 'Filter' }).click();
    await page.waitForURL(/\/admin\/audit-log\?/);
    const actions = await page.locator('table.audit tbody th').allTextContents();
    expect(actions.map((a) => a.trim())).toEqual([
      'Changed roles',
      'Changed roles',
      'Lifted a ban',
      'Banned a user',
    ]);
    expect(await page.locator('table.audit tbody').textContent()).toContain('Browser test ban');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'admin-audit-log');
  });
});
