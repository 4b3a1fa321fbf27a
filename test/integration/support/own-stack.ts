import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { freePortPlan, Stack } from '@gomall/devstack';
import { GATEWAY_TEST_ENV, IDENTITY_TEST_ENV } from './auth';

/**
 * A small mall of a test file's own, for tests that hang or kill shared parts (MariaDB, Redis,
 * sidecars) and so must not disturb the run's shared mall that other files use meanwhile.
 */
export async function startOwnStack(
  services: string[],
  env: Record<string, string> = {},
  /** Traces into a Zipkin of the stack's own, keeping this share of them. */
  tracingRatio?: number,
): Promise<Stack> {
  const daprdBin = process.env.DAPRD_BIN;
  if (!daprdBin) throw new Error('DAPRD_BIN is not set: run the tests with `npm test`');
  const runId = randomBytes(3).toString('hex');
  const dataDir = mkdtempSync(join(tmpdir(), `gmo-${runId}-`));
  const stack = new Stack({
    repoRoot: resolve(__dirname, '..', '..', '..'),
    dataDir,
    daprdBin,
    services,
    ports: await freePortPlan(services),
    dbPrefix: `o${runId}`,
    fast: true,
    mailpitBin: process.env.MAILPIT_BIN,
    tracing:
      tracingRatio === undefined
        ? undefined
        : { zipkinJar: zipkinJar(), samplingRatio: tracingRatio },
    env: { ...IDENTITY_TEST_ENV, BCRYPT_COST: '4', ...env },
    serviceEnv: { gateway: GATEWAY_TEST_ENV },
    onCrash: (name, code, signal) =>
      process.stderr.write(
        `[own stack] ${name} exited (code ${code ?? '-'}, signal ${signal ?? '-'})\n`,
      ),
  });
  try {
    await stack.start();
  } catch (error) {
    await stack.stop();
    throw error;
  }
  return stack;
}

function zipkinJar(): string {
  const jar = process.env.ZIPKIN_JAR;
  if (!jar) throw new Error('ZIPKIN_JAR is not set: run the tests with `npm test`');
  return jar;
}

export async function stopOwnStack(stack: Stack | undefined): Promise<void> {
  if (!stack) return;
  await stack.stop();
  if (process.env.GOMALL_KEEP_TEST_DATA !== '1') {
    rmSync(stack.options.dataDir, { recursive: true, force: true });
  }
}
