import { SERVICE_CATALOGUE } from '@gomall/contracts';
import { databaseServiceConfigShape, loadConfig, refuseInProduction } from '../src';

describe('refuseInProduction', () => {
  const refusals = [
    [false, 'not this one'],
    [true, 'X holds the development value'],
    [true, 'nor this one'],
  ] as const;

  it('stops a production start on the first refusal that holds', () => {
    expect(() => refuseInProduction({ NODE_ENV: 'production' }, refusals)).toThrow(
      new Error('Invalid configuration: X holds the development value'),
    );
    expect(() => refuseInProduction({ NODE_ENV: 'production' }, [[false, 'no']])).not.toThrow();
  });

  it('checks nothing outside production', () => {
    expect(() => refuseInProduction({ NODE_ENV: 'development' }, refusals)).not.toThrow();
    expect(() => refuseInProduction({}, refusals)).not.toThrow();
  });
});

describe('databaseServiceConfigShape', () => {
  it('gives a service its catalogue port and its own schema', () => {
    const config = loadConfig(databaseServiceConfigShape('order'), {});
    expect(config).toMatchObject({
      PORT: SERVICE_CATALOGUE.order.port,
      DB_NAME: 'gomall_order',
      DB_MIGRATE_ON_START: true,
    });
  });
});
