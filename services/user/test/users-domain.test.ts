import { loadUserConfig } from '../src/config';
import {
  accountEmailSchema as emailSchema,
  registerBodySchema,
  updateProfileBodySchema as updateBodySchema,
} from '@gomall/contracts';
import { PasswordHasher } from '../src/domain/passwords';

describe('emailSchema', () => {
  it('trims and lower-cases, so one address is one account', () => {
    expect(emailSchema.parse('  Ada.Lovelace@Example.COM ')).toBe('ada.lovelace@example.com');
  });

  it.each(['', 'no-at-sign', 'a@', '@b.c', `${'x'.repeat(250)}@b.co`])('refuses %j', (value) => {
    expect(emailSchema.safeParse(value).success).toBe(false);
  });
});

describe('registerBodySchema', () => {
  const valid = { email: 'a@b.co', password: 'eight-ch', name: 'A' };

  it('accepts the minimum', () => {
    expect(registerBodySchema.parse(valid)).toEqual(valid);
  });

  it('refuses passwords under 8 characters or over 72 bytes (bcrypt would cut them)', () => {
    expect(registerBodySchema.safeParse({ ...valid, password: 'seven-c' }).success).toBe(false);
    expect(registerBodySchema.safeParse({ ...valid, password: 'x'.repeat(72) }).success).toBe(true);
    expect(registerBodySchema.safeParse({ ...valid, password: 'x'.repeat(73) }).success).toBe(
      false,
    );
    // 37 two-byte characters: 37 characters but 74 bytes.
    expect(registerBodySchema.safeParse({ ...valid, password: 'é'.repeat(37) }).success).toBe(
      false,
    );
  });

  it('refuses unknown fields such as roles', () => {
    expect(registerBodySchema.safeParse({ ...valid, roles: ['admin'] }).success).toBe(false);
  });
});

describe('updateBodySchema', () => {
  it.each([
    [{ name: 'New' }, true],
    [{ password: 'new-password', currentPassword: 'old' }, true],
    [{}, false],
    [{ password: 'new-password' }, false],
    [{ currentPassword: 'old' }, false],
    [{ name: 'New', currentPassword: 'old' }, false],
    [{ name: 'New', email: 'x@y.z' }, false],
  ])('%j → valid: %s', (body, valid) => {
    expect(updateBodySchema.safeParse(body).success).toBe(valid);
  });
});

describe('PasswordHasher', () => {
  const hasher = new PasswordHasher(4);

  it('hashes with a salt and verifies', async () => {
    const [a, b] = await Promise.all([hasher.hash('secret-pw'), hasher.hash('secret-pw')]);
    expect(a).not.toBe(b);
    expect(a).not.toContain('secret-pw');
    expect(await hasher.verify('secret-pw', a)).toBe(true);
    expect(await hasher.verify('other-pw', a)).toBe(false);
  });

  it('says no for a missing user, after comparing against a dummy hash', async () => {
    expect(await hasher.verifyOrWaste('secret-pw', undefined)).toBe(false);
    expect(await hasher.verifyOrWaste('gomall-timing-equaliser', undefined)).toBe(false);
    const hash = await hasher.hash('secret-pw');
    expect(await hasher.verifyOrWaste('secret-pw', hash)).toBe(true);
  });

  it('costs about the same for a missing user as for a wrong password', async () => {
    const slow = new PasswordHasher(8);
    const hash = await slow.hash('secret-pw');
    const time = async (fn: () => Promise<unknown>) => {
      const started = performance.now();
      await fn();
      return performance.now() - started;
    };
    // Medians of interleaved runs, so one scheduling hiccup on a loaded machine does not decide.
    const wrong: number[] = [];
    const missing: number[] = [];
    for (let i = 0; i < 5; i++) {
      wrong.push(await time(() => slow.verifyOrWaste('wrong-pw', hash)));
      missing.push(await time(() => slow.verifyOrWaste('wrong-pw', undefined)));
    }
    const median = (values: number[]) => values.sort((a, b) => a - b)[2]!;
    // Without the dummy compare a missing user would answer in microseconds.
    expect(median(missing)).toBeGreaterThan(median(wrong) / 3);
  });
});

describe('user configuration', () => {
  it('has a dev admin for local runs, and refuses its password in production', () => {
    expect(loadUserConfig({}).GOMALL_ADMIN_EMAIL).toBe('admin@gomall.local');
    // What every production deployment sets (the kit refuses its public dev defaults).
    const production = {
      NODE_ENV: 'production',
      DB_USER: 'user',
      DB_PASSWORD: 'a-production-db-password',
    };
    expect(() => loadUserConfig(production)).toThrow(/GOMALL_ADMIN_PASSWORD/);
    expect(
      loadUserConfig({ ...production, GOMALL_ADMIN_PASSWORD: 'a-real-one-123' })
        .GOMALL_ADMIN_PASSWORD,
    ).toBe('a-real-one-123');
    expect(loadUserConfig({ ...production, GOMALL_ADMIN_EMAIL: '' }).NODE_ENV).toBe('production');
  });
});
