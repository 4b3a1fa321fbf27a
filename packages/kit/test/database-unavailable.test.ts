import { createServer, type Server, type Socket } from 'node:net';
import { toAppError } from '../src';
import { createSequelize } from '../src/db';

/** A port that accepts TCP connections and never says a word: a database that hangs at connect. */
async function silentServer(): Promise<{ port: number; close: () => Promise<void> }> {
  const sockets: Socket[] = [];
  const server: Server = createServer((socket) => sockets.push(socket));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  return {
    port: address.port,
    close: () => {
      for (const socket of sockets) socket.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

/** What a real query of the kit's Sequelize throws against `port`. */
async function failureAgainst(port: number): Promise<unknown> {
  const sequelize = createSequelize(
    {
      DB_HOST: '127.0.0.1',
      DB_PORT: port,
      DB_USER: 'nobody',
      DB_PASSWORD: 'nothing',
      DB_POOL_MAX: 1,
      DB_CONNECT_TIMEOUT_MS: 200,
      DB_STATEMENT_TIMEOUT_MS: 200,
    },
    'unused',
  );
  try {
    await sequelize.query('SELECT 1');
    throw new Error('the query should have failed');
  } catch (error) {
    return error;
  } finally {
    await sequelize.close();
  }
}

describe('a database that cannot be reached', () => {
  it('is a 503 UNAVAILABLE when it hangs at connect, not a 500', async () => {
    const silent = await silentServer();
    try {
      const error = await failureAgainst(silent.port);
      expect((error as Error).name).toBe('SequelizeConnectionError');
      expect(toAppError(error)?.toBody()).toEqual({
        error: { code: 'UNAVAILABLE', message: 'The database is unavailable; try again' },
      });
      expect(toAppError(error)?.status).toBe(503);
    } finally {
      await silent.close();
    }
  });

  it('is a 503 UNAVAILABLE when nothing listens', async () => {
    const silent = await silentServer();
    const { port } = silent;
    await silent.close();
    const error = await failureAgainst(port);
    expect((error as Error).name).toBe('SequelizeConnectionRefusedError');
    expect(toAppError(error)?.status).toBe(503);
  });

  it('leaves other database errors to the envelope as they are (a bug stays a 500)', () => {
    expect(toAppError(Object.assign(new Error('syntax'), { name: 'SequelizeDatabaseError' }))).toBe(
      undefined,
    );
  });
});
