import { randomUUID } from 'node:crypto';
import { AppError, createLogger } from '@gomall/kit';
import {
  createIdempotencyTable,
  IDEMPOTENCY_TABLE,
  IdempotentRequests,
  migrate,
} from '@gomall/kit/db';
import { QueryTypes, type Sequelize, type Transaction } from 'sequelize';
import { scratchSchema } from './support/scratch-db';

jest.setTimeout(60_000);

// The kit's replay store on the run's real MariaDB, with two pools as two replicas would have.
let db: Awaited<ReturnType<typeof scratchSchema>>;
let a: Sequelize;
let b: Sequelize;

beforeAll(async () => {
  db = await scratchSchema('idem', 2);
  [a, b] = db.pools as [Sequelize, Sequelize];
  await migrate(a, [createIdempotencyTable()], createLogger('test', 'silent'));
  await a.query('CREATE TABLE effects (id INT AUTO_INCREMENT PRIMARY KEY, note VARCHAR(64))');
});
afterAll(() => db.close());

const effects = async (note: string) =>
  (
    await a.query<{ n: number }>('SELECT COUNT(*) AS n FROM effects WHERE note = ?', {
      replacements: [note],
      type: QueryTypes.SELECT,
    })
  )[0]!.n;

/** One effect (a row) and an answer that carries a secret, as a token pair would. */
const doIt =
  (sequelize: Sequelize, note: string, delayMs = 0) =>
  async (transaction: Transaction) => {
    await sequelize.query('INSERT INTO effects (note) VALUES (?)', {
      replacements: [note],
      transaction,
    });
    if (delayMs) await new Promise((r) => setTimeout(r, delayMs));
    return { secret: randomUUID(), note };
  };

describe('IdempotentRequests (real MariaDB)', () => {
  it('a repeated key replays the first answer and does the work once', async () => {
    const key = randomUUID();
    const note = randomUUID();
    const request = { scope: 'test', key, input: { note } };
    const first = await new IdempotentRequests(a).run(request, doIt(a, note));
    const again = await new IdempotentRequests(b).run(request, doIt(b, note));
    expect(again).toEqual(first);
    expect(await effects(note)).toBe(1);
    // The stored answer is not readable without the key.
    const rows = await a.query<{ answer: string }>(`SELECT answer FROM ${IDEMPOTENCY_TABLE}`, {
      type: QueryTypes.SELECT,
    });
    expect(rows.some((row) => row.answer.includes(first.secret))).toBe(false);
  });

  it('a repeat that arrives while the first still runs waits for it and replays it', async () => {
    const key = randomUUID();
    const note = randomUUID();
    const request = { scope: 'test', key, input: { note } };
    const [first, second] = await Promise.all([
      new IdempotentRequests(a).run(request, doIt(a, note, 500)),
      new Promise((r) => setTimeout(r, 100)).then(() =>
        new IdempotentRequests(b).run(request, doIt(b, note)),
      ),
    ]);
    expect(second).toEqual(first);
    expect(await effects(note)).toBe(1);
  });

  it('work that fails leaves nothing: the same key does the work on the next try', async () => {
    const key = randomUUID();
    const note = randomUUID();
    const request = { scope: 'test', key, input: { note } };
    await expect(
      new IdempotentRequests(a).run(request, async (transaction) => {
        await doIt(a, note)(transaction);
        throw new Error('crashed after the effect, before the commit');
      }),
    ).rejects.toThrow('crashed');
    expect(await effects(note)).toBe(0);
    await new IdempotentRequests(a).run(request, doIt(a, note));
    expect(await effects(note)).toBe(1);
  });

  it('the same key with another input is refused (422), not replayed', async () => {
    const key = randomUUID();
    await new IdempotentRequests(a).run({ scope: 'test', key, input: { n: 1 } }, doIt(a, 'x'));
    const other = new IdempotentRequests(a).run(
      { scope: 'test', key, input: { n: 2 } },
      doIt(a, 'y'),
    );
    await expect(other).rejects.toBeInstanceOf(AppError);
    await expect(other).rejects.toMatchObject({ status: 422, code: 'IDEMPOTENCY_KEY_REUSED' });
  });

  it('no key: the work runs every time', async () => {
    const note = randomUUID();
    const requests = new IdempotentRequests(a);
    await requests.run({ scope: 'test', key: undefined, input: {} }, doIt(a, note));
    await requests.run({ scope: 'test', key: undefined, input: {} }, doIt(a, note));
    expect(await effects(note)).toBe(2);
  });

  it('prunes answers older than the retention', async () => {
    const key = randomUUID();
    await new IdempotentRequests(a).run({ scope: 'old', key, input: {} }, doIt(a, 'old'));
    await a.query(
      `UPDATE ${IDEMPOTENCY_TABLE} SET created_at = NOW(3) - INTERVAL 2 DAY WHERE scope = 'old'`,
    );
    expect(await new IdempotentRequests(a).prune(86_400_000)).toBe(1);
    const left = await a.query(`SELECT id FROM ${IDEMPOTENCY_TABLE} WHERE scope = 'old'`, {
      type: QueryTypes.SELECT,
    });
    expect(left).toHaveLength(0);
  });
});
