import { SERVICE_CATALOGUE } from '@gomall/contracts';
import { baseConfigShape, loadConfig, port } from '@gomall/kit';
import { z } from 'zod';

const cartConfigShape = {
  ...baseConfigShape,
  PORT: port(SERVICE_CATALOGUE.cart.port),
  /** How often one cart write is retried when another write to the same cart won the race. */
  CART_WRITE_ATTEMPTS: z.coerce.number().int().min(1).max(100).default(20),
};

export type CartConfig = ReturnType<typeof loadCartConfig>;
export const loadCartConfig = (env: NodeJS.ProcessEnv = process.env) =>
  loadConfig(cartConfigShape, env);
