import { AppError, createLogger, notFound } from '@gomall/kit';
import { OrderNotifier, type MailFacts } from '../src/domain/notifier';
import type { OrderForMail, RenderedMail } from '../src/domain/order-mail';
import type { MailSender } from '../src/mail/mail-sender';

const ORDER: OrderForMail = {
  id: '0f0e0d0c-1111-2222-3333-444455556666',
  status: 'paid',
  items: [{ name: 'Tea <strong>pot</strong>', quantity: 3, unitPriceCents: 1999 }],
  totalCents: 5997,
  currency: 'USD',
  address: { street: '1 Main St', city: 'Springfield', zipCode: '12345', country: 'US' },
};

function setUp(facts: Partial<MailFacts> = {}) {
  const sent: RenderedMail[] = [];
  const mail: MailSender = { send: (m) => Promise.resolve(void sent.push(m)) };
  const notifier = new OrderNotifier(
    {
      recipient: () => Promise.resolve({ email: 'ada@example.com', name: 'Ada' }),
      order: () => Promise.resolve(ORDER),
      ...facts,
    },
    mail,
    { name: 'Gomall', url: 'https://shop.example/' },
    createLogger('notification-test', 'silent'),
  );
  return { notifier, sent };
}

describe('OrderNotifier', () => {
  it('renders one mail with the order read from its owner, money from integer cents', async () => {
    const { notifier, sent } = setUp();
    await notifier.notify('paid', ORDER.id, 'u1');
    expect(sent).toHaveLength(1);
    const [mail] = sent;
    expect(mail!.to).toBe('ada@example.com');
    expect(mail!.subject).toBe('Gomall: Order 0F0E0D0C is paid');
    expect(mail!.text).toContain('3 × Tea <strong>pot</strong>  $59.97');
    expect(mail!.html).toContain('Tea &lt;strong&gt;pot&lt;/strong&gt;');
    expect(mail!.html).toContain(
      'href="https://shop.example/orders/0f0e0d0c-1111-2222-3333-444455556666"',
    );
  });

  it('sends nothing for an unknown customer or order (a deleted account, the saga placeholder)', async () => {
    for (const facts of [
      { recipient: () => Promise.reject(notFound('No such user')) },
      { order: () => Promise.reject(notFound('No such order')) },
      {
        recipient: () =>
          Promise.reject(new AppError(400, 'VALIDATION_FAILED', 'Invalid request params')),
      },
      { order: () => Promise.resolve({ ...ORDER, items: [], totalCents: 0 }) },
    ]) {
      const { notifier, sent } = setUp(facts);
      await notifier.notify('cancelled', ORDER.id, 'u1');
      expect(sent).toEqual([]);
    }
  });

  it('fails (so the event is redelivered) when a fact cannot be read for another reason', async () => {
    const { notifier, sent } = setUp({ order: () => Promise.reject(new Error('sidecar down')) });
    await expect(notifier.notify('paid', ORDER.id, 'u1')).rejects.toThrow('sidecar down');
    expect(sent).toEqual([]);
  });
});
