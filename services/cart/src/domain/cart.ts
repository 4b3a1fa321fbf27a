import { idOf, MAX_QUANTITY_PER_LINE, type Cart } from '@gomall/contracts';
import { notFound, validationFailed } from '@gomall/kit';
import { z } from 'zod';

/** Keeps a cart (and the one catalog lookup that prices it) bounded. */
export const MAX_LINES = 100;

/** What the state store keeps: product ids and quantities only; names and prices come from the catalog. */
interface CartLine {
  productId: string;
  quantity: number;
}
export interface StoredCart {
  items: CartLine[];
}

/** The catalog facts a cart line is shown with. */
export interface PricedProduct {
  id: string;
  name: string;
  priceCents: number;
}

export const emptyCart = (): StoredCart => ({ items: [] });

/** Adds to the quantity already in the cart; a line may not go over 99. */
export function addItem(cart: StoredCart, productId: string, quantity: number): StoredCart {
  const existing = cart.items.find((line) => line.productId === productId);
  if (!existing) {
    if (cart.items.length >= MAX_LINES) {
      throw validationFailed(`A cart holds at most ${MAX_LINES} different products`);
    }
    return { items: [...cart.items, { productId, quantity }] };
  }
  const total = existing.quantity + quantity;
  if (total > MAX_QUANTITY_PER_LINE) {
    throw validationFailed(`A cart line holds at most ${MAX_QUANTITY_PER_LINE} units`, [
      { path: 'body.quantity', message: `already ${existing.quantity} in the cart` },
    ]);
  }
  return {
    items: cart.items.map((line) => (line === existing ? { productId, quantity: total } : line)),
  };
}

/** Sets a line's quantity; 0 removes it. Only lines already in the cart can be changed. */
export function setQuantity(cart: StoredCart, productId: string, quantity: number): StoredCart {
  if (!cart.items.some((line) => line.productId === productId)) {
    throw notFound('That product is not in the cart');
  }
  if (quantity === 0) return removeItem(cart, productId);
  return {
    items: cart.items.map((line) =>
      line.productId === productId ? { productId, quantity } : line,
    ),
  };
}

export function removeItem(cart: StoredCart, productId: string): StoredCart {
  if (!cart.items.some((line) => line.productId === productId)) {
    throw notFound('That product is not in the cart');
  }
  return { items: cart.items.filter((line) => line.productId !== productId) };
}

/**
 * The cart as the shopper sees it, priced from the catalog now. A line whose product has left the
 * catalog is not shown (and cannot be bought); it disappears from the store on the next write.
 */
export function priceCart(cart: StoredCart, products: ReadonlyMap<string, PricedProduct>): Cart {
  const items: Cart['items'] = [];
  for (const line of cart.items) {
    const product = products.get(line.productId);
    if (!product) continue;
    items.push({
      productId: line.productId,
      name: product.name,
      quantity: line.quantity,
      unitPriceCents: product.priceCents,
      lineTotalCents: product.priceCents * line.quantity,
    });
  }
  return { items, totalCents: items.reduce((sum, item) => sum + item.lineTotalCents, 0) };
}

/** What pricing a cart asks of the catalog: the live products among these ids. */
export interface Catalog {
  lookup(ids: string[]): Promise<PricedProduct[]>;
}

/**
 * The cart priced from the catalog now (`priceCart`). `known`: products this request has just read
 * from the catalog (the one being added); only the other lines are looked up, so a cart with
 * nothing else in it, like an empty one, asks the catalog nothing more.
 */
export async function viewCart(
  cart: StoredCart,
  catalog: Catalog,
  known: readonly PricedProduct[] = [],
): Promise<Cart> {
  const priced = new Map(known.map((product) => [product.id, product]));
  const unknown = cart.items.map((line) => line.productId).filter((id) => !priced.has(id));
  if (unknown.length > 0) {
    for (const product of await catalog.lookup(unknown)) priced.set(product.id, product);
  }
  return priceCart(cart, priced);
}

/** Reads a stored value defensively: the store is ours, but a bad value must not become a 500. */
export const storedCartSchema = z.object({
  items: z.array(
    z.object({
      productId: idOf('a product id'),
      quantity: z.number().int().min(1).max(MAX_QUANTITY_PER_LINE),
    }),
  ),
});
