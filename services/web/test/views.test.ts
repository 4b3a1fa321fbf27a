import { parseCheckoutForm } from '../src/domain/checkout-form';
import { formatCents, parseDollars } from '../src/domain/money';
import { pictureSvg } from '../src/domain/pictures';
import { html } from '../src/views/html';

describe('html templates', () => {
  it('escape every interpolated value unless it is already html', () => {
    const name = '<script>alert("x")</script> & \'friends\'';
    expect(html`<p title="${name}">${name}</p>`.value).toBe(
      '<p title="&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;friends&#39;">' +
        '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;friends&#39;</p>',
    );
    const items = ['a', 'b'].map((x) => html`<li>${x}</li>`);
    expect(
      html`<ul>
        ${items}
      </ul>`.value.replace(/>\s+</g, '><'),
    ).toBe('<ul><li>a</li><li>b</li></ul>');
    expect(html`${undefined}${null}${false}${0}`.value).toBe('0');
  });
});

describe('money', () => {
  it('formats cents and parses dollars exactly', () => {
    expect(formatCents(123456)).toBe('$1,234.56');
    expect(parseDollars('19.99')).toBe(1999);
    expect(parseDollars('$1,299.5')).toBe(129950);
    expect(parseDollars('7')).toBe(700);
    expect(parseDollars('0.1')).toBe(10);
    for (const bad of ['', 'abc', '1.999', '-3', '1e3', '12,34']) {
      expect(parseDollars(bad)).toBeUndefined();
    }
  });
});

describe('product pictures', () => {
  it('are deterministic SVG per product and category', () => {
    const a = pictureSvg('id-1', 'books');
    expect(a).toBe(pictureSvg('id-1', 'books'));
    expect(a).not.toBe(pictureSvg('id-2', 'books'));
    expect(a).not.toBe(pictureSvg('id-1', 'kitchen'));
    expect(a.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(pictureSvg('id-1', '"><script>')).not.toContain('<script>');
  });
});

describe('checkout form', () => {
  const good = {
    name: 'Ada',
    street: '1 Main St',
    city: 'Springfield',
    zipCode: '12345',
    country: 'us',
    email: '',
    cardNumber: '4242 4242 4242 4242',
    expMonth: '12',
    expYear: '2030',
    cvv: '123',
  };

  it('becomes the API body', () => {
    const parsed = parseCheckoutForm(good);
    expect(parsed).toEqual({
      ok: true,
      body: {
        address: {
          name: 'Ada',
          street: '1 Main St',
          city: 'Springfield',
          zipCode: '12345',
          country: 'US',
        },
        card: { number: '4242424242424242', expMonth: 12, expYear: 2030, cvv: '123' },
      },
    });
  });

  it('names each field to fix', () => {
    const parsed = parseCheckoutForm({
      ...good,
      cardNumber: '42',
      expMonth: '13',
      cvv: 'x',
      city: ' ',
    });
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(Object.keys(parsed.errors).sort()).toEqual(['cardNumber', 'city', 'cvv', 'expMonth']);
  });
});
