import type { TokenPair } from '@gomall/contracts';

/**
 * Refresh tokens rotate and a spent one presented again revokes the whole login (reuse
 * detection). A page and its parallel requests may all find the access token expired at once, so
 * within this process one refresh token is exchanged once and everyone waiting gets the new pair.
 * The answer stays a few seconds for requests that left the browser with the old cookie.
 */
export class RefreshFlights {
  private readonly flights = new Map<string, Promise<TokenPair>>();

  constructor(private readonly keepMs = 10_000) {}

  run(refreshToken: string, exchange: () => Promise<TokenPair>): Promise<TokenPair> {
    const running = this.flights.get(refreshToken);
    if (running) return running;
    const flight = exchange();
    this.flights.set(refreshToken, flight);
    const forget = () => setTimeout(() => this.flights.delete(refreshToken), this.keepMs).unref();
    flight.then(forget, () => this.flights.delete(refreshToken));
    return flight;
  }
}
