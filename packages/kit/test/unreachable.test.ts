import { isUnreachable, whileUnreachable } from '../src/db/unreachable';
import { createLogger } from '../src/logger';

const logger = createLogger('test', 'silent');
const networkError = (code: string) => Object.assign(new Error(`connect ${code}`), { code });

describe('whileUnreachable', () => {
  it('knows an unreachable database, also inside what Sequelize and mysql2 wrap', () => {
    expect(isUnreachable(networkError('ETIMEDOUT'))).toBe(true);
    expect(
      isUnreachable({ name: 'SequelizeConnectionError', parent: networkError('ECONNREFUSED') }),
    ).toBe(true);
    expect(isUnreachable(new Error('wrapped', { cause: networkError('ENOTFOUND') }))).toBe(true);
    expect(
      isUnreachable(Object.assign(new Error('denied'), { code: 'ER_ACCESS_DENIED_ERROR' })),
    ).toBe(false);
    expect(isUnreachable('ETIMEDOUT')).toBe(false);
  });

  it('tries again while the database is unreachable, backing off, and returns the result', async () => {
    const pauses: number[] = [];
    let calls = 0;
    const result = await whileUnreachable(
      () => {
        calls += 1;
        return calls < 4
          ? Promise.reject(networkError('ECONNREFUSED'))
          : Promise.resolve('migrated');
      },
      logger,
      60_000,
      (ms) => Promise.resolve(pauses.push(ms)),
    );
    expect(result).toBe('migrated');
    expect(pauses).toEqual([1000, 2000, 4000]);
  });

  it('gives up at once on any other error, and on an unreachable database after the deadline', async () => {
    const denied = Object.assign(new Error('denied'), { code: 'ER_ACCESS_DENIED_ERROR' });
    let calls = 0;
    await expect(
      whileUnreachable(
        () => {
          calls += 1;
          return Promise.reject(denied);
        },
        logger,
        60_000,
        () => Promise.resolve(),
      ),
    ).rejects.toBe(denied);
    expect(calls).toBe(1);

    const timedOut = networkError('ETIMEDOUT');
    await expect(
      whileUnreachable(
        async () => Promise.reject(timedOut),
        logger,
        500,
        () => Promise.resolve(),
      ),
    ).rejects.toBe(timedOut);
  });
});
