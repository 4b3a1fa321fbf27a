import {
  adminUserSchema,
  auditEntrySchema,
  cartSchema,
  categoryListSchema,
  checkoutResultSchema,
  orderSchema,
  pageSchema,
  productSchema,
  registeredSchema,
  tokenPairSchema,
  userSchema,
  type AdminUser,
  type AdminUserQuery,
  type AuditEntry,
  type Cart,
  type Category,
  type CheckoutBody,
  type CheckoutResult,
  type CreateProductInput,
  type Order,
  type Page,
  type Product,
  type TokenPair,
  type User,
} from '@gomall/contracts';
import type { InvokeOptions, Method, ServiceInvoker } from '@gomall/kit';
import type { z } from 'zod';

const productPage = pageSchema(productSchema);
const orderPage = pageSchema(orderSchema);
const adminUserPage = pageSchema(adminUserSchema);
const auditPage = pageSchema(auditEntrySchema);

/** The catalog filters the storefront's pages pass on (the gateway validates them). */
interface ProductQuery {
  page?: number;
  pageSize?: number;
  category?: string;
  q?: string;
  sort?: string;
}

/** The audit log filters of the admin pages (the gateway validates them). */
interface AuditQuery {
  action?: string;
  targetId?: string;
  page: number;
  pageSize: number;
}

/** Who is asking: the shopper's access token (if signed in) and the browser's address. */
export interface Caller {
  token?: string;
  clientIp?: string;
}

/**
 * The public API (shared/api.md) as the storefront uses it. Calls go through web's own Dapr
 * sidecar to the gateway (service invocation), so the storefront enters the mall exactly where
 * every other client does: authentication, roles, rate limits and validation stay in the gateway.
 * Failures arrive as the kit's AppError with the API's status, code, message and details.
 */
export class GatewayClient {
  constructor(
    private readonly invoker: ServiceInvoker,
    private readonly prefix: string,
  ) {}

  /** One call of the API, its answer checked against the contracts outside production. */
  private call<Answer extends z.ZodType>(
    answer: Answer,
    caller: Caller,
    method: Method,
    path: string,
    options: Omit<InvokeOptions, 'headers'> = {},
    extraHeaders: Record<string, string> = {},
  ): Promise<z.output<Answer>> {
    const target = `${this.prefix}${path}`;
    return this.invoker.callChecked(answer, method, target, {
      ...options,
      headers: this.headers(caller, extraHeaders),
    });
  }

  /** A call answered 204 (nothing to check). */
  private send(
    caller: Caller,
    method: Method,
    path: string,
    options: Omit<InvokeOptions, 'headers'> = {},
  ): Promise<void> {
    const target = `${this.prefix}${path}`;
    return this.invoker.send(method, target, { ...options, headers: this.headers(caller) });
  }

  private headers(caller: Caller, extra: Record<string, string> = {}): Record<string, string> {
    const headers: Record<string, string> = { ...extra };
    if (caller.token) headers.authorization = `Bearer ${caller.token}`;
    if (caller.clientIp) headers['x-forwarded-for'] = caller.clientIp;
    return headers;
  }

  products(caller: Caller, query: ProductQuery): Promise<Page<Product>> {
    return this.call(productPage, caller, 'GET', '/products', { query: { ...query } });
  }

  product(caller: Caller, id: string): Promise<Product> {
    return this.call(productSchema, caller, 'GET', `/products/${encodeURIComponent(id)}`);
  }

  categories(caller: Caller): Promise<{ items: Category[] }> {
    return this.call(categoryListSchema, caller, 'GET', '/categories');
  }

  register(caller: Caller, body: { email: string; password: string; name: string }) {
    return this.call(registeredSchema, caller, 'POST', '/auth/register', { body });
  }

  login(caller: Caller, body: { email: string; password: string }): Promise<TokenPair> {
    return this.call(tokenPairSchema, caller, 'POST', '/auth/login', { body });
  }

  refresh(caller: Caller, refreshToken: string): Promise<TokenPair> {
    return this.call(tokenPairSchema, caller, 'POST', '/auth/refresh', { body: { refreshToken } });
  }

  logout(caller: Caller, refreshToken?: string): Promise<void> {
    return this.send(caller, 'POST', '/auth/logout', {
      body: refreshToken ? { refreshToken } : {},
    });
  }

  me(caller: Caller): Promise<User> {
    return this.call(userSchema, caller, 'GET', '/users/me');
  }

  updateMe(
    caller: Caller,
    body: { name?: string; password?: string; currentPassword?: string },
  ): Promise<User> {
    return this.call(userSchema, caller, 'PATCH', '/users/me', { body });
  }

  cart(caller: Caller): Promise<Cart> {
    return this.call(cartSchema, caller, 'GET', '/cart');
  }

  addToCart(caller: Caller, productId: string, quantity: number): Promise<Cart> {
    return this.call(cartSchema, caller, 'POST', '/cart/items', { body: { productId, quantity } });
  }

  setCartQuantity(caller: Caller, productId: string, quantity: number): Promise<Cart> {
    return this.call(cartSchema, caller, 'PATCH', `/cart/items/${encodeURIComponent(productId)}`, {
      body: { quantity },
    });
  }

  removeFromCart(caller: Caller, productId: string): Promise<Cart> {
    return this.call(cartSchema, caller, 'DELETE', `/cart/items/${encodeURIComponent(productId)}`);
  }

  checkout(caller: Caller, idempotencyKey: string, body: CheckoutBody): Promise<CheckoutResult> {
    return this.call(
      checkoutResultSchema,
      caller,
      'POST',
      '/checkout',
      { body },
      { 'idempotency-key': idempotencyKey },
    );
  }

  orders(caller: Caller, page: number, pageSize: number): Promise<Page<Order>> {
    return this.call(orderPage, caller, 'GET', '/orders', { query: { page, pageSize } });
  }

  order(caller: Caller, id: string): Promise<Order> {
    return this.call(orderSchema, caller, 'GET', `/orders/${encodeURIComponent(id)}`);
  }

  cancelOrder(caller: Caller, id: string): Promise<Order> {
    return this.call(orderSchema, caller, 'POST', `/orders/${encodeURIComponent(id)}/cancel`);
  }

  shipOrder(caller: Caller, id: string): Promise<Order> {
    return this.call(orderSchema, caller, 'POST', `/admin/orders/${encodeURIComponent(id)}/ship`);
  }

  createProduct(caller: Caller, body: CreateProductInput): Promise<Product> {
    return this.call(productSchema, caller, 'POST', '/admin/products', { body });
  }

  updateProduct(caller: Caller, id: string, body: Partial<CreateProductInput>): Promise<Product> {
    return this.call(productSchema, caller, 'PATCH', `/admin/products/${encodeURIComponent(id)}`, {
      body,
    });
  }

  deleteProduct(caller: Caller, id: string): Promise<void> {
    return this.send(caller, 'DELETE', `/admin/products/${encodeURIComponent(id)}`);
  }

  setStock(caller: Caller, id: string, stock: number): Promise<Product> {
    return this.call(
      productSchema,
      caller,
      'PUT',
      `/admin/products/${encodeURIComponent(id)}/stock`,
      {
        body: { stock },
      },
    );
  }

  adminUsers(caller: Caller, query: AdminUserQuery): Promise<Page<AdminUser>> {
    return this.call(adminUserPage, caller, 'GET', '/admin/users', { query: { ...query } });
  }

  adminUser(caller: Caller, id: string): Promise<AdminUser> {
    return this.call(adminUserSchema, caller, 'GET', `/admin/users/${encodeURIComponent(id)}`);
  }

  banUser(caller: Caller, id: string, reason: string): Promise<AdminUser> {
    return this.call(
      adminUserSchema,
      caller,
      'POST',
      `/admin/users/${encodeURIComponent(id)}/ban`,
      {
        body: { reason },
      },
    );
  }

  unbanUser(caller: Caller, id: string): Promise<AdminUser> {
    return this.call(
      adminUserSchema,
      caller,
      'POST',
      `/admin/users/${encodeURIComponent(id)}/unban`,
    );
  }

  setUserRoles(caller: Caller, id: string, roles: string[]): Promise<AdminUser> {
    return this.call(
      adminUserSchema,
      caller,
      'PUT',
      `/admin/users/${encodeURIComponent(id)}/roles`,
      {
        body: { roles },
      },
    );
  }

  auditLog(caller: Caller, query: AuditQuery): Promise<Page<AuditEntry>> {
    return this.call(auditPage, caller, 'GET', '/admin/audit-log', { query: { ...query } });
  }
}
