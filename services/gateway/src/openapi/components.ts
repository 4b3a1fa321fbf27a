import * as contracts from '@gomall/contracts';
import { z } from 'zod';

/**
 * How the document names the contracts' schemas (each becomes one component that every use
 * refers to), and the refinements JSON Schema can state, written beside the schema they refine.
 * Loaded once, before the document is built (document.ts).
 */
function describe(schema: z.ZodType, meta: Record<string, unknown>): void {
  z.globalRegistry.add(schema, { ...z.globalRegistry.get(schema), ...meta });
}

const NAMES: Array<[z.ZodType, string]> = [
  [contracts.productSchema, 'Product'],
  [contracts.categoryListSchema, 'CategoryList'],
  [contracts.createProductBodySchema, 'ProductCreate'],
  [contracts.setStockBodySchema, 'StockUpdate'],
  [contracts.orderSchema, 'Order'],
  [contracts.orderWithHistorySchema, 'OrderWithHistory'],
  [contracts.changeAddressBodySchema, 'ChangeAddressRequest'],
  [contracts.userSchema, 'User'],
  [contracts.registerBodySchema, 'RegisterRequest'],
  [contracts.loginBodySchema, 'LoginRequest'],
  [contracts.tokenPairSchema, 'TokenPair'],
  [contracts.refreshBodySchema, 'RefreshRequest'],
  [contracts.logoutBodySchema, 'LogoutRequest'],
  [contracts.cartSchema, 'Cart'],
  [contracts.addCartItemBodySchema, 'AddCartItemRequest'],
  [contracts.setCartItemBodySchema, 'SetCartItemRequest'],
  [contracts.checkoutBodySchema, 'CheckoutRequest'],
  [contracts.checkoutResultSchema, 'CheckoutResult'],
  [contracts.adminUserSchema, 'AdminUser'],
  [contracts.banBodySchema, 'BanRequest'],
  [contracts.rolesBodySchema, 'RolesRequest'],
  [contracts.auditEntrySchema, 'AdminAuditEntry'],
];
for (const [schema, id] of NAMES) describe(schema, { id });

describe(contracts.updateProductBodySchema, {
  id: 'ProductUpdate',
  description: 'Only the given fields change; stock has its own endpoint.',
  // Its refinement: at least one field.
  minProperties: 1,
});
describe(contracts.updateProfileBodySchema, {
  id: 'UpdateProfileRequest',
  // Its refinements: a name, a password change (new and current password together), or both.
  anyOf: [
    {
      required: ['name'],
      not: { anyOf: [{ required: ['password'] }, { required: ['currentPassword'] }] },
    },
    { required: ['password', 'currentPassword'] },
  ],
});
// The password's byte limit as JSON Schema can say it (it counts characters, not bytes).
describe(contracts.registerBodySchema.shape.password, {
  description: 'At least 8 characters, at most 72 bytes (UTF-8)',
  maxLength: 72,
});
// The account email is trimmed and lower-cased before zod's email rule checks it.
describe(contracts.accountEmailSchema, {
  description: 'Trimmed and lower-cased',
  pattern: z.regexes.email.source,
});
