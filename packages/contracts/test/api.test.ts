import {
  adminOrderSearchQuerySchema,
  adminUserSchema,
  auditEntrySchema,
  auditLogQuerySchema,
  cartSchema,
  catalogQuerySchema,
  categoryListSchema,
  checkoutResultSchema,
  orderListQuerySchema,
  orderWithHistorySchema,
  pageSchema,
  productSchema,
  reportedActionSchema,
  revocationKeys,
  rolesBodySchema,
  sagaListQuerySchema,
  tokenPairSchema,
  userSchema,
} from '../src';

const address = { name: 'Ann', street: '1 Main St', city: 'X', zipCode: '1', country: 'US' };
const product = {
  id: 'p1',
  name: 'Mug',
  description: '',
  picture: '/images/products/mug.jpg',
  priceCents: 900,
  currency: 'USD',
  categories: ['kitchen'],
  stock: 3,
};
const order = {
  id: 'o1',
  status: 'paid',
  items: [{ productId: 'p1', name: 'Mug', quantity: 2, unitPriceCents: 900 }],
  totalCents: 1800,
  currency: 'USD',
  address,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
};
const user = { id: 'u1', email: 'a@b.co', name: 'A', roles: ['customer'], createdAt: 'x' };

describe('public API queries', () => {
  it('fills the same page defaults in every list', () => {
    expect(orderListQuerySchema.parse({})).toEqual({ page: 1, pageSize: 20 });
    expect(catalogQuerySchema.parse({ pageSize: '5' })).toEqual({
      page: 1,
      pageSize: 5,
      sort: 'name',
    });
    expect(orderListQuerySchema.safeParse({ page: '1', extra: 'x' }).success).toBe(false);
  });

  it('needs a time range in order', () => {
    const from = '2026-01-02T00:00:00Z';
    const to = '2026-01-01T00:00:00Z';
    expect(adminOrderSearchQuerySchema.safeParse({ from, to }).success).toBe(false);
    expect(adminOrderSearchQuerySchema.safeParse({ from: to, to: from }).success).toBe(true);
    expect(auditLogQuerySchema.safeParse({ from, to }).error?.issues[0]?.path).toEqual(['from']);
  });

  it('keeps the stuck sagas as the default view', () => {
    expect(sagaListQuerySchema.parse({})).toEqual({ status: 'stuck', limit: 100 });
    expect(sagaListQuerySchema.safeParse({ limit: '501' }).success).toBe(false);
  });
});

describe('admin bodies', () => {
  it('orders roles and drops repeats', () => {
    expect(rolesBodySchema.parse({ roles: ['admin', 'customer', 'admin'] })).toEqual({
      roles: ['customer', 'admin'],
    });
  });

  it('takes only the actions other services report, details defaulting to none', () => {
    const saga = { action: 'saga.retried', targetType: 'saga', targetId: 'a-1' };
    expect(reportedActionSchema.parse(saga)).toEqual({ ...saga, details: {} });
    expect(reportedActionSchema.safeParse({ ...saga, action: 'user.banned' }).success).toBe(false);
  });
});

describe('public API answers', () => {
  it('describe what the services answer', () => {
    expect(
      pageSchema(productSchema).safeParse({ items: [product], page: 1, pageSize: 20, total: 1 })
        .success,
    ).toBe(true);
    expect(
      categoryListSchema.safeParse({ items: [{ name: 'kitchen', productCount: 1 }] }).success,
    ).toBe(true);
    expect(userSchema.safeParse(user).success).toBe(true);
    const banned = { banned: true, bannedAt: 'x', bannedBy: 'u2', banReason: 'fraud' };
    expect(adminUserSchema.safeParse({ ...user, ...banned }).success).toBe(true);
    expect(
      tokenPairSchema.safeParse({
        accessToken: 'a',
        refreshToken: 'r',
        tokenType: 'Bearer',
        expiresIn: 900,
      }).success,
    ).toBe(true);
    const line = {
      productId: 'p1',
      name: 'Mug',
      quantity: 2,
      unitPriceCents: 900,
      lineTotalCents: 1800,
    };
    expect(cartSchema.safeParse({ items: [line], totalCents: 1800 }).success).toBe(true);
    const change = { changedAt: 'x', changedBy: 'u1', byAdmin: false, from: address, to: address };
    expect(orderWithHistorySchema.safeParse({ order, history: [change] }).success).toBe(true);
    const payment = { id: 'pay1', status: 'succeeded', amountCents: 1800, last4: '4242' };
    expect(checkoutResultSchema.safeParse({ order, payment }).success).toBe(true);
    const entry = {
      id: '1',
      at: 'x',
      actorId: 'u1',
      actorEmail: null,
      action: 'user.banned',
      targetType: 'user',
      targetId: 'u2',
      details: {},
    };
    expect(auditEntrySchema.safeParse(entry).success).toBe(true);
  });

  it('refuse what the API never answers', () => {
    expect(productSchema.safeParse({ ...product, priceCents: 9.5 }).success).toBe(false);
    expect(
      orderWithHistorySchema.safeParse({ order: { ...order, status: 'lost' }, history: [] })
        .success,
    ).toBe(false);
    expect(userSchema.safeParse({ ...user, roles: 'customer' }).success).toBe(false);
  });
});

describe('access tokens', () => {
  it('names the revocation list keys both sides use', () => {
    expect(revocationKeys.session('s')).toBe('gomall:revoked:sid:s');
    expect(revocationKeys.user('u')).toBe('gomall:revoked:user:u');
    expect(revocationKeys.roles('u')).toBe('gomall:roles:user:u');
  });
});
