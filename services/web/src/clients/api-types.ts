/** The public API's answers the storefront reads (shared/api.md). */
export interface Product {
  id: string;
  name: string;
  description: string;
  picture: string;
  priceCents: number;
  currency: string;
  categories: string[];
  stock: number;
}

export interface Page<T> {
  items: T[];
  page: number;
  pageSize: number;
  total: number;
}

export interface Category {
  name: string;
  productCount: number;
}

export interface TokenPair {
  accessToken: string;
  refreshToken: string;
  tokenType: 'Bearer';
  expiresIn: number;
}

export interface User {
  id: string;
  email: string;
  name: string;
  roles: string[];
  createdAt: string;
}

interface CartLine {
  productId: string;
  name: string;
  quantity: number;
  unitPriceCents: number;
  lineTotalCents: number;
}

export interface Cart {
  items: CartLine[];
  totalCents: number;
}

type OrderStatus = 'pending' | 'paid' | 'shipped' | 'cancelled' | 'refunded';

export interface Address {
  name: string;
  street: string;
  city: string;
  zipCode: string;
  country: string;
  state?: string;
}

export interface Order {
  id: string;
  status: OrderStatus;
  items: Array<{ productId: string; name: string; quantity: number; unitPriceCents: number }>;
  totalCents: number;
  currency: string;
  address: Address;
  createdAt: string;
  updatedAt: string;
}

export interface CheckoutBody {
  address: Address;
  email?: string;
  card: { number: string; expMonth: number; expYear: number; cvv: string };
}

export interface CheckoutAnswer {
  order: Order;
  payment: { id: string; status: string; amountCents: number; last4: string };
}

export interface ProductInput {
  name: string;
  description?: string;
  priceCents: number;
  categories?: string[];
  stock?: number;
  picture?: string;
}

export interface ProductQuery {
  page?: number;
  pageSize?: number;
  category?: string;
  q?: string;
  sort?: string;
}

/** A user as admins see them (GET /admin/users, an extension of shared/api.md). */
export interface AdminUser {
  id: string;
  email: string;
  name: string;
  roles: string[];
  createdAt: string;
  banned: boolean;
  bannedAt: string | null;
  bannedBy: string | null;
  banReason: string | null;
}

export interface AdminUserQuery {
  q?: string;
  role?: 'customer' | 'admin';
  banned?: 'true' | 'false';
  page: number;
  pageSize: number;
}

/** One entry of the admin audit log (GET /admin/audit-log). */
export interface AuditEntry {
  id: string;
  at: string;
  actorId: string;
  /** The admin's email now (null when that account is gone). */
  actorEmail: string | null;
  action: string;
  targetType: string;
  targetId: string;
  details: Record<string, unknown>;
}

export interface AuditQuery {
  action?: string;
  targetId?: string;
  page: number;
  pageSize: number;
}
