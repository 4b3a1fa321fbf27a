import type { Logger } from '@gomall/kit';
import type { StockRepository } from '../data/stock-repository';
import type { StockMetrics } from '../metrics/stock-metrics';

/**
 * Releases reservations nobody committed within their TTL, every `intervalMs` on every replica
 * (they share the work; see StockRepository.releaseExpired). A checkout that vanished before its
 * order was created leaves such a reservation, and no order sweep would ever cancel it.
 */
export class ReservationSweep {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = false;

  constructor(
    private readonly stock: StockRepository,
    private readonly metrics: StockMetrics,
    private readonly logger: Logger,
    private readonly intervalMs: number,
    private readonly batchSize = 100,
  ) {}

  start(): void {
    const tick = () => {
      if (this.stopped) return;
      this.running = this.sweep()
        .then(
          () => undefined,
          (error: unknown) => this.logger.warn({ err: error }, 'reservation sweep failed'),
        )
        .finally(() => {
          if (!this.stopped) this.timer = setTimeout(tick, this.intervalMs);
        });
    };
    this.timer = setTimeout(tick, this.intervalMs);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }

  async sweep(): Promise<number> {
    const released = await this.stock.releaseExpired(this.batchSize);
    if (released.length > 0) {
      this.metrics.reservationsExpired.inc(released.length);
      this.logger.info({ orderIds: released }, 'expired reservations released');
    }
    return released.length;
  }
}
