import { AppError } from '@gomall/kit';
import type { TokenPair, User } from '@gomall/contracts';
import type { Caller, GatewayClient } from '../clients/gateway-client';
import { COOKIE, type CookieJar } from './cookies';
import type { RefreshFlights } from './refresh-flight';

export interface Who {
  name: string;
  roles: string[];
}

/** Thrown where a page needs a signed-in shopper; the page layer redirects to sign-in. */
export class SignInRequired extends Error {
  constructor() {
    super('Sign in to continue');
  }
}

/** Expire the access cookie a little before the token does, so we refresh instead of failing. */
const ACCESS_COOKIE_MARGIN_SECONDS = 30;

/**
 * The shopper's login as the backend-for-frontend holds it: both tokens live only in HttpOnly
 * cookies; pages get a `Caller` with the access token, refreshed when it has expired.
 */
export class Session {
  constructor(
    private readonly cookies: CookieJar,
    private readonly api: GatewayClient,
    private readonly flights: RefreshFlights,
    readonly clientIp: string,
  ) {}

  get signedIn(): boolean {
    return this.cookies.get(COOKIE.refresh) !== undefined;
  }

  get who(): Who | undefined {
    if (!this.signedIn) return undefined;
    const raw = this.cookies.get(COOKIE.who);
    if (!raw) return undefined;
    try {
      const parsed = JSON.parse(Buffer.from(raw, 'base64url').toString()) as Who;
      return { name: String(parsed.name), roles: Array.isArray(parsed.roles) ? parsed.roles : [] };
    } catch {
      return undefined;
    }
  }

  get isAdmin(): boolean {
    return this.who?.roles.includes('admin') ?? false;
  }

  /** The caller without a token (catalog pages, sign-in). */
  get anonymous(): Caller {
    return { clientIp: this.clientIp };
  }

  start(pair: TokenPair, user: Pick<User, 'name' | 'roles'>): void {
    this.storeTokens(pair);
    this.remember(user);
  }

  remember(user: Pick<User, 'name' | 'roles'>): void {
    const who = Buffer.from(JSON.stringify({ name: user.name, roles: user.roles })).toString(
      'base64url',
    );
    this.cookies.set(COOKIE.who, who, 7 * 24 * 3600);
  }

  /** Revokes the login at the API (best effort: a dead token is already signed out) and forgets it. */
  async end(): Promise<void> {
    const refreshToken = this.cookies.get(COOKIE.refresh);
    const token = this.cookies.get(COOKIE.access);
    try {
      const caller = token ? { ...this.anonymous, token } : await this.caller();
      await this.api.logout(caller, refreshToken);
    } catch {
      // expired or already revoked: nothing left to revoke
    }
    this.forget();
  }

  forget(): void {
    for (const name of [COOKIE.refresh, COOKIE.access, COOKIE.who, COOKIE.checkoutAttempt]) {
      this.cookies.clear(name);
    }
  }

  /** A caller with a valid access token; refreshes once if needed. */
  async caller(): Promise<Caller> {
    const token = this.cookies.get(COOKIE.access);
    if (token) return { ...this.anonymous, token };
    return { ...this.anonymous, token: await this.refresh() };
  }

  /**
   * Runs an API call as the signed-in shopper. A 401 (token expired or revoked early) gets one
   * refresh and one retry; if that fails too the shopper is signed out and asked to sign in.
   */
  async as<T>(call: (caller: Caller) => Promise<T>): Promise<T> {
    if (!this.signedIn) throw new SignInRequired();
    let caller = await this.caller();
    try {
      return await call(caller);
    } catch (error) {
      if (!(error instanceof AppError) || error.status !== 401) throw error;
      this.cookies.clear(COOKIE.access);
      caller = { ...this.anonymous, token: await this.refresh() };
      try {
        return await call(caller);
      } catch (retryError) {
        if (retryError instanceof AppError && retryError.status === 401) {
          this.forget();
          throw new SignInRequired();
        }
        throw retryError;
      }
    }
  }

  private async refresh(): Promise<string> {
    const refreshToken = this.cookies.get(COOKIE.refresh);
    if (!refreshToken) throw new SignInRequired();
    try {
      const pair = await this.flights.run(refreshToken, () =>
        this.api.refresh(this.anonymous, refreshToken),
      );
      this.storeTokens(pair);
      return pair.accessToken;
    } catch (error) {
      if (error instanceof AppError && error.status === 401) {
        this.forget();
        throw new SignInRequired();
      }
      throw error;
    }
  }

  private storeTokens(pair: TokenPair): void {
    this.cookies.set(COOKIE.refresh, pair.refreshToken);
    this.cookies.set(
      COOKIE.access,
      pair.accessToken,
      Math.max(1, pair.expiresIn - ACCESS_COOKIE_MARGIN_SECONDS),
    );
  }
}
