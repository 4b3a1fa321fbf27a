import {
  DAPR_COMPONENTS,
  remainingBudget,
  sidecarRequest,
  unavailable,
  type SidecarConfig,
} from '@gomall/kit';
import type { RenderedMail } from '../domain/order-mail';

export interface MailSender {
  send(mail: RenderedMail): Promise<void>;
}

/** A send outside a delivery's deadline gets this long. */
const SEND_TIMEOUT_MS = 10_000;

/**
 * Mail leaves through Dapr's SMTP output binding (`bindings.smtp`, component `mail`): the SMTP
 * server, its credentials and TLS are the component's business, configured per environment; no
 * SMTP code of ours. The binding sends one HTML body, so the plain-text rendering stays for logs
 * and tests (the binding offers no multipart/alternative).
 */
export class DaprMailSender implements MailSender {
  private readonly path = `/v1.0/bindings/${encodeURIComponent(DAPR_COMPONENTS.mail)}`;

  constructor(
    private readonly sidecar: SidecarConfig,
    private readonly from: string,
  ) {}

  async send(mail: RenderedMail): Promise<void> {
    const request = {
      operation: 'create',
      data: mail.html,
      metadata: { emailFrom: this.from, emailTo: mail.to, subject: mail.subject },
    };
    const timeoutMs = remainingBudget() ?? SEND_TIMEOUT_MS;
    let status: number;
    try {
      ({ status } = await sidecarRequest(
        this.sidecar,
        'POST',
        this.path,
        JSON.stringify(request),
        Math.max(1, timeoutMs),
      ));
    } catch {
      status = 0;
    }
    // daprd's answer may echo the request (the recipient's address): never into a log or error.
    if (status < 200 || status > 299) {
      throw unavailable('The mail server did not take the mail; it will be retried');
    }
  }
}
