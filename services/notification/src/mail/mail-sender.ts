import type { DaprClient } from '@dapr/dapr';
import { DAPR_COMPONENTS, unavailable } from '@gomall/kit';
import type { RenderedMail } from '../domain/order-mail';

export interface MailSender {
  send(mail: RenderedMail): Promise<void>;
}

/**
 * Mail leaves through Dapr's SMTP output binding (`bindings.smtp`, component `mail`): the SMTP
 * server, its credentials and TLS are the component's business, configured per environment; no
 * SMTP code of ours. The binding sends one HTML body, so the plain-text rendering stays for logs
 * and tests (the binding offers no multipart/alternative).
 */
export class DaprMailSender implements MailSender {
  constructor(
    private readonly dapr: DaprClient,
    private readonly from: string,
  ) {}

  async send(mail: RenderedMail): Promise<void> {
    try {
      await this.dapr.binding.send(DAPR_COMPONENTS.mail, 'create', mail.html, {
        emailFrom: this.from,
        emailTo: mail.to,
        subject: mail.subject,
      });
    } catch {
      // The SDK's message may echo the request (the recipient's address): never into a log.
      throw unavailable('The mail server did not take the mail; it will be retried');
    }
  }
}
