import { AppError, type Logger } from '@gomall/kit';
import type { MailSender } from '../mail/mail-sender';
import {
  renderOrderMail,
  type OrderForMail,
  type OrderMailKind,
  type Recipient,
  type Shop,
} from './order-mail';

/** Answers of the user or order service that no redelivery can change. */
const FINAL_REFUSALS = new Set([400, 403, 404, 410]);

/** Where the notifier reads what a mail needs: the customer's address and the order. */
export interface MailFacts {
  recipient(userId: string): Promise<Recipient>;
  order(orderId: string, userId: string): Promise<OrderForMail>;
}

/**
 * One mail per step of an order's life. The event says which order and whose; the facts are read
 * from their owners at sending time, so the mail shows the order as it is (never a card number:
 * neither the order nor the user service holds one).
 */
export class OrderNotifier {
  constructor(
    private readonly facts: MailFacts,
    private readonly mail: MailSender,
    private readonly shop: Shop,
    private readonly logger: Logger,
  ) {}

  async notify(kind: OrderMailKind, orderId: string, userId: string): Promise<void> {
    let recipient: Recipient;
    let order: OrderForMail;
    try {
      [recipient, order] = await Promise.all([
        this.facts.recipient(userId),
        this.facts.order(orderId, userId),
      ]);
    } catch (error) {
      // No one to write to, or nothing the customer ever saw: a deleted or unknown account, or the
      // cancelled placeholder the saga leaves for an order it never created. The owners' refusal
      // is final (asking again would be refused again): done, with nothing sent.
      if (error instanceof AppError && FINAL_REFUSALS.has(error.status)) {
        this.logger.info({ orderId, kind }, 'no order mail: customer or order unknown');
        return;
      }
      throw error;
    }
    if (order.items.length === 0) {
      this.logger.info({ orderId, kind }, 'no order mail: the order has no lines');
      return;
    }
    const mail = renderOrderMail(kind, order, recipient, this.shop);
    await this.mail.send(mail);
    // The address stays out of the log: the order id and the kind say which mail left.
    this.logger.info({ orderId, kind }, 'order mail sent');
  }
}
