import { createLogger } from '@gomall/kit';
import { loadCheckoutConfig } from '../src/config';
import { faultSwitch } from '../src/fault';
import { STEP_IDS } from '../src/saga/step-ids';

const logger = createLogger('checkout-test', 'silent');

describe('fault switch', () => {
  const exits: number[] = [];
  const exit = ((code: number) => {
    exits.push(code);
  }) as (code: number) => never;

  beforeEach(() => exits.splice(0));

  it('does nothing unless configured', () => {
    faultSwitch(undefined, undefined, logger, exit).afterStep('charge-payment', 'u1');
    expect(exits).toEqual([]);
  });

  it('exits hard after the configured step, for the configured user only', () => {
    const fault = faultSwitch('charge-payment', 'u1', logger, exit);
    fault.afterStep('create-order', 'u1');
    fault.afterStep('charge-payment', 'u2');
    expect(exits).toEqual([]);
    fault.afterStep('charge-payment', 'u1');
    expect(exits).toEqual([137]);
  });
});

describe('fault switch configuration', () => {
  it('is refused when NODE_ENV=production', () => {
    const production = {
      NODE_ENV: 'production',
      DB_USER: 'checkout',
      DB_PASSWORD: 'a-production-db-password',
    };
    expect(loadCheckoutConfig(production).GOMALL_FAULT_CRASH_AFTER).toBeUndefined();
    expect(() =>
      loadCheckoutConfig({ ...production, GOMALL_FAULT_CRASH_AFTER: STEP_IDS[0] }),
    ).toThrow(/GOMALL_FAULT_CRASH_AFTER/);
    expect(
      loadCheckoutConfig({ GOMALL_FAULT_CRASH_AFTER: STEP_IDS[0] }).GOMALL_FAULT_CRASH_AFTER,
    ).toBe(STEP_IDS[0]);
  });
});
