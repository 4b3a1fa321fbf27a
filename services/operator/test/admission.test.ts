import {
  admissionRefusals,
  imageAllowed,
  secretAllowed,
  secretsOf,
  type AdmissionPolicy,
} from '../src/mall/admission';
import { mallFixture } from './support/mall';

describe('what a Mall may name', () => {
  const policy: AdmissionPolicy = {
    imagePrefixes: ['registry.example/gomall'],
    secretPatterns: ['mall-*', '{mall}-*'],
  };

  it('matches image prefixes at a path boundary', () => {
    expect(imageAllowed('registry.example/gomall/cart:1.0.0', ['registry.example/gomall'])).toBe(
      true,
    );
    expect(imageAllowed('registry.example/gomall/cart:1.0.0', ['registry.example/gomall/'])).toBe(
      true,
    );
    expect(imageAllowed('registry.example/gomall-evil/cart:1', ['registry.example/gomall'])).toBe(
      false,
    );
    expect(imageAllowed('evil.example/gomall/cart:1', ['registry.example/gomall'])).toBe(false);
    expect(imageAllowed('registry.example/gomall/cart:1', [])).toBe(false);
  });

  it('matches Secret globs, with {mall} as the Mall name', () => {
    expect(secretAllowed('demo-cart-app-token', 'demo', ['{mall}-*'])).toBe(true);
    expect(secretAllowed('other-cart-app-token', 'demo', ['{mall}-*'])).toBe(false);
    expect(secretAllowed('mall-db', 'demo', ['mall-db'])).toBe(true);
    expect(secretAllowed('mall-dbx', 'demo', ['mall-db'])).toBe(false);
    // Regex characters in a pattern are literal.
    expect(secretAllowed('mallxdb', 'demo', ['mall.db'])).toBe(false);
  });

  it('lists every Secret the rendered objects reference', () => {
    const mall = mallFixture({
      admin: { secretRef: { name: 'mall-admin' } },
      ingress: { host: 'shop.example', tlsSecretName: 'shop-tls' },
    });
    expect(secretsOf(mall)).toEqual(
      expect.arrayContaining([
        'mall-db',
        'mall-redis',
        'mall-jwt',
        'mall-admin',
        'shop-tls',
        'demo-gateway-app-token',
        'demo-checkout-api-token',
      ]),
    );
  });

  it('admits a Mall of allowed images and Secrets, and says exactly what else it refuses', () => {
    expect(admissionRefusals(mallFixture(), policy)).toEqual([]);
    const foreign = mallFixture({
      image: { registry: 'evil.example/gomall', pullPolicy: 'Always' },
      jwt: { secretRef: { name: 'payment-provider-keys' } },
    });
    expect(admissionRefusals(foreign, policy)).toEqual([
      'image evil.example/gomall/gateway:1.0.0 (and 7 more) is not under an allowed prefix (registry.example/gomall)',
      'Secret payment-provider-keys is not allowed (mall-*, {mall}-*)',
    ]);
    // The default policy allows only Secrets named after the Mall.
    expect(
      admissionRefusals(mallFixture(), {
        imagePrefixes: ['registry.example/'],
        secretPatterns: ['{mall}-*'],
      }),
    ).toEqual([
      'Secret mall-db is not allowed ({mall}-*)',
      'Secret mall-redis is not allowed ({mall}-*)',
      'Secret mall-jwt is not allowed ({mall}-*)',
    ]);
  });
});
