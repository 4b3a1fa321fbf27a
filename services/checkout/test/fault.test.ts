import { createLogger } from '@gomall/kit';
import { faultSwitch } from '../src/fault';

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
