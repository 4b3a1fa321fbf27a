import {
  adminUserSchema,
  auditEntrySchema,
  orderSchema,
  pageSchema,
  productSchema,
} from '@gomall/contracts';

/** Answers only the gateway describes: pages of the contracts' items. */
export const productPageSchema = pageSchema(productSchema).meta({ id: 'ProductPage' });
export const orderPageSchema = pageSchema(orderSchema).meta({ id: 'OrderPage' });
export const adminUserPageSchema = pageSchema(adminUserSchema);
export const auditEntryPageSchema = pageSchema(auditEntrySchema);
