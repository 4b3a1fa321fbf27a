/**
 * `npm run bench [scenario…]`: starts an isolated mall (like the integration tests, with rate
 * limits raised), runs the scenarios side by side in one run, and prints one table. Options via
 * env: BENCH_CONNECTIONS (default 20), BENCH_DURATION (seconds, default 10).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { freePortPlan, presentServices, Stack } from '@gomall/devstack';
import { formatTable, type BenchResult } from './measure';
import { authScenario } from './scenarios/auth';
import { catalogScenario } from './scenarios/catalog';
import { checkoutScenario } from './scenarios/checkout';
import type { Scenario } from './scenarios/types';

const SCENARIOS: Scenario[] = [catalogScenario, authScenario, checkoutScenario];

async function main(): Promise<void> {
  const daprdBin = process.env.DAPRD_BIN;
  if (!daprdBin) throw new Error('DAPRD_BIN is not set: run `npm run bench`');
  const wanted = process.argv.slice(2);
  const scenarios = wanted.length ? SCENARIOS.filter((s) => wanted.includes(s.name)) : SCENARIOS;
  if (scenarios.length === 0)
    throw new Error(`no such scenario; have: ${SCENARIOS.map((s) => s.name).join(', ')}`);
  const connections = Number(process.env.BENCH_CONNECTIONS ?? 20);
  const durationSec = Number(process.env.BENCH_DURATION ?? 10);

  const repoRoot = resolve(__dirname, '..', '..');
  // The notification service is on no measured path (it only reacts to order events).
  const services = presentServices(repoRoot).filter((name) => name !== 'notification');
  const dataDir = mkdtempSync(join(tmpdir(), 'gm-bench-'));
  const stack = new Stack({
    repoRoot,
    dataDir,
    daprdBin,
    services,
    ports: await freePortPlan(services),
    dbPrefix: 'bench',
    fast: true,
    // Access logs cost a write per request; benchmark the service, not the terminal.
    logLevel: 'warn',
    env: BENCH_ENV,
    onProgress: (m) => console.log(`    ${m}`),
  });
  console.log('==> starting a benchmark mall');
  const results: BenchResult[] = [];
  try {
    await stack.start();
    for (const scenario of scenarios) {
      console.log(`==> ${scenario.name}`);
      const log = (m: string) => console.log(`    ${m}`);
      results.push(
        ...(await scenario.run({
          stack,
          gatewayUrl: stack.gatewayUrl,
          connections,
          durationSec,
          log,
        })),
      );
    }
  } finally {
    await stack.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
  console.log(`\n${formatTable(results)}\n`);
  const [mall, bare] = results;
  if (mall && bare && scenarios[0] === catalogScenario) {
    console.log(
      `gateway path / bare Node: ${(mall.requestsPerSec / bare.requestsPerSec).toFixed(3)} of the throughput`,
    );
  }
}

/** Limits raised so the benchmark measures the mall, not its rate limiter. */
const BENCH_ENV: Record<string, string> = {
  RATE_LIMIT_AUTH_PER_IP: '1000000000',
  RATE_LIMIT_PER_USER: '1000000000',
  RATE_LIMIT_ANONYMOUS_PER_IP: '1000000000',
};

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
