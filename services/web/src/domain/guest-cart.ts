import { z } from 'zod';

/** Per shared/api.md a cart line holds 1..99; the storefront keeps the same rule for guests. */
const MAX_QUANTITY = 99;
/** A cookie holds ~4 KB; 30 lines of [uuid, quantity] stay well inside it. */
export const MAX_GUEST_LINES = 30;

export interface GuestLine {
  productId: string;
  quantity: number;
}

const storedSchema = z
  .array(z.tuple([z.string().min(1).max(64), z.number().int().min(1).max(MAX_QUANTITY)]))
  .max(MAX_GUEST_LINES);

/** The guest cart's cookie value (signed by Koa's cookie keys, so a shopper cannot forge it). */
export function decodeGuestCart(value: string | undefined): GuestLine[] {
  if (!value) return [];
  try {
    const parsed = storedSchema.safeParse(JSON.parse(Buffer.from(value, 'base64url').toString()));
    if (!parsed.success) return [];
    return parsed.data.map(([productId, quantity]) => ({ productId, quantity }));
  } catch {
    return [];
  }
}

export function encodeGuestCart(lines: GuestLine[]): string {
  return Buffer.from(JSON.stringify(lines.map((l) => [l.productId, l.quantity]))).toString(
    'base64url',
  );
}

/** Adds like the API does, except that a guest line is capped at 99 instead of refused. */
export function addGuestLine(lines: GuestLine[], productId: string, quantity: number): GuestLine[] {
  const existing = lines.find((line) => line.productId === productId);
  if (existing) {
    return lines.map((line) =>
      line === existing
        ? { productId, quantity: Math.min(MAX_QUANTITY, line.quantity + quantity) }
        : line,
    );
  }
  if (lines.length >= MAX_GUEST_LINES) {
    throw new RangeError(`A guest cart holds at most ${MAX_GUEST_LINES} different products`);
  }
  return [...lines, { productId, quantity: Math.min(MAX_QUANTITY, quantity) }];
}

export function setGuestQuantity(
  lines: GuestLine[],
  productId: string,
  quantity: number,
): GuestLine[] {
  if (quantity <= 0) return lines.filter((line) => line.productId !== productId);
  return lines.map((line) =>
    line.productId === productId ? { productId, quantity: Math.min(MAX_QUANTITY, quantity) } : line,
  );
}

export interface MergeStep {
  productId: string;
  /** add: a new line with `quantity`; set: the user's existing line becomes `quantity`. */
  action: 'add' | 'set';
  quantity: number;
}

/**
 * How a guest cart joins the user's cart on sign-in: quantities add, capped at 99 per line. Lines
 * already at the cap need no call.
 */
export function planMerge(
  guest: GuestLine[],
  userCart: Array<{ productId: string; quantity: number }>,
): MergeStep[] {
  const steps: MergeStep[] = [];
  for (const line of guest) {
    const existing = userCart.find((item) => item.productId === line.productId);
    if (!existing) {
      steps.push({
        productId: line.productId,
        action: 'add',
        quantity: Math.min(MAX_QUANTITY, line.quantity),
      });
      continue;
    }
    const merged = Math.min(MAX_QUANTITY, existing.quantity + line.quantity);
    if (merged !== existing.quantity) {
      steps.push({ productId: line.productId, action: 'set', quantity: merged });
    }
  }
  return steps;
}
