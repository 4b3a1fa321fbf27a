import { AppError } from '@gomall/kit';
import type { Cart } from '@gomall/contracts';
import type { Caller, GatewayClient } from '../clients/gateway-client';
import { COOKIE } from '../session/cookies';
import type { PageState } from '../http/page-state';
import type { CartLineView } from '../views/pages/cart-pages';
import {
  addGuestLine,
  decodeGuestCart,
  encodeGuestCart,
  planMerge,
  setGuestQuantity,
  type GuestLine,
} from './guest-cart';

export interface ShopperCart {
  lines: CartLineView[];
  totalCents: number;
  guest: boolean;
}

/**
 * The cart of whoever is shopping: a signed-in shopper's cart lives in the cart service (through
 * the API); a guest's lives in a signed cookie until they sign in, when it merges.
 */
export class ShopperCarts {
  constructor(private readonly api: GatewayClient) {}

  guestLines(page: PageState): GuestLine[] {
    return decodeGuestCart(page.cookies.get(COOKIE.guestCart));
  }

  private saveGuest(page: PageState, lines: GuestLine[]): void {
    if (lines.length === 0) page.cookies.clear(COOKIE.guestCart);
    else page.cookies.set(COOKIE.guestCart, encodeGuestCart(lines), 30 * 24 * 3600);
  }

  async view(page: PageState): Promise<ShopperCart> {
    if (page.session.signedIn) {
      const cart = await page.session.as((c) => this.api.cart(c));
      return { lines: cart.items, totalCents: cart.totalCents, guest: false };
    }
    // Prices and names come from the catalog now, never from the cookie.
    const lines = await Promise.all(
      this.guestLines(page).map(async (line) => {
        try {
          const product = await this.api.product(page.session.anonymous, line.productId);
          return {
            productId: product.id,
            name: product.name,
            quantity: line.quantity,
            unitPriceCents: product.priceCents,
            lineTotalCents: product.priceCents * line.quantity,
          };
        } catch (error) {
          if (error instanceof AppError && error.status === 404) return undefined;
          throw error;
        }
      }),
    );
    const present = lines.filter((l): l is CartLineView => l !== undefined);
    return {
      lines: present,
      totalCents: present.reduce((sum, l) => sum + l.lineTotalCents, 0),
      guest: true,
    };
  }

  async add(page: PageState, productId: string, quantity: number): Promise<string> {
    if (page.session.signedIn) {
      const cart = await page.session.as((c) => this.api.addToCart(c, productId, quantity));
      return cart.items.find((l) => l.productId === productId)?.name ?? 'The product';
    }
    const product = await this.api.product(page.session.anonymous, productId);
    try {
      this.saveGuest(page, addGuestLine(this.guestLines(page), productId, quantity));
    } catch (error) {
      if (error instanceof RangeError) {
        throw new AppError(400, 'VALIDATION_FAILED', `${error.message}. Sign in to add more.`);
      }
      throw error;
    }
    return product.name;
  }

  async setQuantity(page: PageState, productId: string, quantity: number): Promise<void> {
    if (page.session.signedIn) {
      await page.session.as((c) => this.api.setCartQuantity(c, productId, quantity));
      return;
    }
    this.saveGuest(page, setGuestQuantity(this.guestLines(page), productId, quantity));
  }

  async remove(page: PageState, productId: string): Promise<void> {
    if (page.session.signedIn) {
      await page.session.as((c) => this.api.removeFromCart(c, productId));
      return;
    }
    this.saveGuest(page, setGuestQuantity(this.guestLines(page), productId, 0));
  }

  /**
   * Right after sign-in: the guest lines join the user's cart (quantities add, capped at 99 per
   * line), then the guest cookie is cleared. Products that vanished meanwhile are skipped.
   * Returns how many guest lines were merged.
   */
  async mergeGuestCart(page: PageState, caller: Caller): Promise<number> {
    const guest = this.guestLines(page);
    if (guest.length === 0) return 0;
    const current: Cart = await this.api.cart(caller);
    let merged = 0;
    for (const step of planMerge(guest, current.items)) {
      try {
        if (step.action === 'add') await this.api.addToCart(caller, step.productId, step.quantity);
        else await this.api.setCartQuantity(caller, step.productId, step.quantity);
        merged += 1;
      } catch (error) {
        if (!(error instanceof AppError) || error.status !== 404) throw error;
      }
    }
    page.cookies.clear(COOKIE.guestCart);
    return merged;
  }
}
