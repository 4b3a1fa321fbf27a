import { z } from 'zod';
import { text } from './fields';

/** A shipping address: checkout's body, the order it is stored with, an order's address change. */
export const addressSchema = z
  .strictObject({
    name: text(200),
    street: text(200),
    city: text(100),
    zipCode: text(20),
    country: text(56),
    state: text(100).optional(),
  })
  .meta({ id: 'Address' });
export type Address = z.infer<typeof addressSchema>;
