import { adminToken, registerCustomer } from './support/auth';
import { api, errorCode } from './support/http';

// Generous: the whole mall shares two cores with parallel test files.
jest.setTimeout(60_000);

/** Roles come from the verified token: admin routes answer 403 to everyone but admins. */
describe('admin routes and roles', () => {
  it('answers 401 without a token and 403 to a customer', async () => {
    const customer = await registerCustomer();
    const anonymous = await api('/admin/products', { body: {} });
    expect(anonymous.status).toBe(401);
    expect(errorCode(anonymous)).toBe('UNAUTHENTICATED');
    const res = await api('/admin/products', { token: customer.accessToken, body: {} });
    expect(res.status).toBe(403);
    expect(errorCode(res)).toBe('FORBIDDEN');
  });

  it('does not let a customer claim the admin role through headers', async () => {
    const customer = await registerCustomer();
    const res = await api('/admin/products', {
      token: customer.accessToken,
      body: {},
      headers: { 'x-gomall-user-roles': 'admin,customer' },
    });
    expect(res.status).toBe(403);
  });

  it('lets the configured admin past the guard (to the route’s own validation)', async () => {
    const res = await api('/admin/products', { token: await adminToken(), body: {} });
    expect(res.status).toBe(400);
    expect(errorCode(res)).toBe('VALIDATION_FAILED');
  });
});
