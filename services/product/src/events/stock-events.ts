import { TOPICS, type EventPublisher, type Logger } from '@gomall/kit';
import type { LowStock } from '../data/stock-repository';

/**
 * Publishes `stock.low` after the change is committed. A failed publish is logged and not
 * retried: the stock change stands, and the next change below the threshold reports again.
 */
export class StockEvents {
  constructor(
    private readonly publisher: EventPublisher,
    private readonly logger: Logger,
  ) {}

  async lowStock(items: LowStock[]): Promise<void> {
    for (const item of items) {
      try {
        await this.publisher.publish(TOPICS.stockLow, item);
      } catch (error) {
        this.logger.warn({ err: error, productId: item.productId }, 'stock.low not published');
      }
    }
  }
}
