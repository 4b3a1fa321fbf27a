/**
 * `npm run bench [scenario…]`: starts an isolated mall (like the integration tests: its own free
 * ports, its own data folder, rate limits raised), runs the scenarios, prints one table and stops
 * the mall. With BENCH_BASELINE=<git rev> the mall of that commit is built beside this one and
 * measured first, in the same run, so both builds meet the same box. Options via env:
 * BENCH_CONNECTIONS (default 20), BENCH_DURATION (seconds, default 10), BENCH_CPU_PROF (below).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { freePortPlan, presentServices, Stack } from '@gomall/devstack';
import { prepareBaseline } from './baseline';
import { formatTable, type BenchResult } from './measure';
import { memoryOf, rssBytes, type Watched } from './procstat';
import { authScenario } from './scenarios/auth';
import { catalogScenario } from './scenarios/catalog';
import { checkoutScenario } from './scenarios/checkout';
import type { Scenario } from './scenarios/types';

const SCENARIOS: Scenario[] = [catalogScenario, checkoutScenario, authScenario];

interface Build {
  label: string;
  repoRoot: string;
  commit: string;
  /** Each build runs the daprd its own tools/daprd builds (wrapper and patches of that commit). */
  daprdBin: string;
}

const log = (m: string) => console.log(`    ${m}`);
/** Scenarios that failed (an oversold product, a crash): listed after the table, exit code 1. */
const failures: string[] = [];
const load = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');

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
  const builds: Build[] = [];
  const baselineRev = process.env.BENCH_BASELINE;
  if (baselineRev) {
    console.log(`==> preparing the baseline build (${baselineRev})`);
    const root = prepareBaseline(repoRoot, baselineRev, log);
    builds.push({
      label: 'baseline',
      repoRoot: root,
      commit: headOf(repoRoot, baselineRev).slice(0, 10),
      daprdBin: daprdOf(root),
    });
  }
  const dirty = execFileSync('git', ['-C', repoRoot, 'status', '--porcelain'], {
    encoding: 'utf8',
  });
  builds.push({
    label: 'current',
    repoRoot,
    commit: `${headOf(repoRoot, 'HEAD').slice(0, 10)}${dirty.trim() ? ' + uncommitted changes' : ''}`,
    daprdBin,
  });

  // Every build's mall runs from the start, and each scenario runs on one build right after the
  // other: a box whose load drifts (other work on it) weighs on both alike.
  const running: RunningBuild[] = [];
  const allResults: BenchResult[] = [];
  try {
    for (const build of builds) running.push(await startBuild(build));
    for (const scenario of scenarios) {
      const perBuild: BenchResult[][] = [];
      for (const run of running) {
        perBuild.push(await runScenario(run, scenario, connections, durationSec));
      }
      // Row by row, the builds side by side (a row one build lacks, such as the 304 row of a
      // gateway without ETags, stands alone).
      const names = [...new Set(perBuild.flatMap((results) => results.map((r) => r.name)))];
      for (const name of names) {
        perBuild.forEach((results, b) => {
          const result = results.find((r) => r.name === name);
          if (result) {
            allResults.push({
              ...result,
              build: builds.length > 1 ? running[b]!.build.label : undefined,
            });
          }
        });
      }
    }
  } finally {
    for (const run of running) {
      run.loadAfter = loadavg();
      await run.stack.stop();
      rmSync(run.dataDir, { recursive: true, force: true });
    }
  }
  const reports = running;
  const all = allResults;
  console.log('');
  console.log(
    `${new Date().toISOString()} — ${cpus().length} cores (${cpus()[0]?.model.trim() ?? '?'}), ` +
      `${(totalmem() / 2 ** 30).toFixed(0)} GiB; everything on this box (load generator, MariaDB, ` +
      `Redis, every service and sidecar); ${connections} connections, ${durationSec} s a row`,
  );
  for (const r of reports) {
    console.log(
      `${r.build.label} = ${r.build.commit} (daprd ${basename(dirname(r.build.daprdBin))}): load average ${r.loadBefore.map((l) => l.toFixed(2)).join(' ')} before, ` +
        `${r.loadAfter.map((l) => l.toFixed(2)).join(' ')} after`,
    );
  }
  console.log(`\n${formatTable(all)}\n`);
  for (const r of reports) {
    const sum = (field: 'bytes' | 'pss' | 'anon', of = r.idleRss) =>
      mb(of.reduce((total, p) => total + p[field], 0));
    console.log(
      `${r.build.label}: idle RSS ${sum('bytes')} MB in ${r.idleRss.length} processes ` +
        `${IDLE_SETTLE_MS / 1000} s after start (${sum('bytes', r.startRss)} MB at ` +
        `${START_SETTLE_MS / 1000} s) ` +
        `(PSS ${sum('pss')} MB: pages shared between processes counted once; anonymous ` +
        `${sum('anon')} MB) — name RSS/anonymous MB: ` +
        r.idleRss.map((p) => `${p.name} ${mb(p.bytes)}/${mb(p.anon)}`).join(', '),
    );
  }
  if (failures.length > 0) {
    console.error(`\n!! failed:\n${failures.map((f) => `   ${f}`).join('\n')}`);
    process.exitCode = 1;
  }
}

interface ProcessMemory {
  name: string;
  bytes: number;
  pss: number;
  anon: number;
}

const START_SETTLE_MS = 5_000;
const IDLE_SETTLE_MS = 40_000;

interface RunningBuild {
  build: Build;
  stack: Stack;
  dataDir: string;
  processes: () => Watched[];
  /** 5 s after the mall answered. */
  startRss: ProcessMemory[];
  /** 40 s after: settled. */
  idleRss: ProcessMemory[];
  loadBefore: number[];
  loadAfter: number[];
}

async function startBuild(build: Build): Promise<RunningBuild> {
  // The notification service is on no measured path (it only reacts to order events).
  const services = presentServices(build.repoRoot).filter((name) => name !== 'notification');
  const dataDir = mkdtempSync(join(tmpdir(), 'gm-bench-'));
  const stack = new Stack({
    repoRoot: build.repoRoot,
    dataDir,
    daprdBin: build.daprdBin,
    services,
    ports: await freePortPlan(services),
    dbPrefix: 'bench',
    // Relaxed fsync (innodb-flush-log-at-trx-commit=0, no doublewrite): the benchmark's own
    // throwaway database only, as for the tests; `npm start` and every deployment keep durability.
    fast: true,
    // Access logs cost a write per request; benchmark the service, not the terminal.
    logLevel: 'warn',
    env: BENCH_ENV,
    nodeArgs: profiling(build, services),
    // A crash during a run is a result, not something to paper over with a restart.
    restart: false,
    onCrash: (name, code, signal) => console.error(`!! ${name} exited (${code ?? signal})`),
    onProgress: log,
  });
  console.log(`==> starting the ${build.label} mall (${build.repoRoot})`);
  const loadBefore = loadavg();
  const processes = (): Watched[] =>
    stack
      .processes()
      .filter((p): p is typeof p & { pid: number } => p.running && p.pid !== undefined)
      .map((p) => ({ name: p.name, pid: p.pid }));
  try {
    await stack.start();
  } catch (error) {
    await stack.stop();
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
  const memory = (): ProcessMemory[] =>
    processes().map((p) => {
      const memory = memoryOf(p.pid);
      return {
        name: p.name,
        bytes: memory?.rss ?? rssBytes(p.pid) ?? 0,
        pss: memory?.pss ?? 0,
        anon: memory?.anon ?? 0,
      };
    });
  // Just started: start-up's own garbage (module loading, the first polls) is still on the heaps.
  await new Promise((r) => setTimeout(r, START_SETTLE_MS));
  const startRss = memory();
  // Idle: V8's memory reducer gives start-up's garbage back some 10–30 s after the last busy spell;
  // what an idle mall holds from then on.
  await new Promise((r) => setTimeout(r, IDLE_SETTLE_MS - START_SETTLE_MS));
  const idleRss = memory();
  return { build, stack, dataDir, processes, startRss, idleRss, loadBefore, loadAfter: [] };
}

async function runScenario(
  run: RunningBuild,
  scenario: Scenario,
  connections: number,
  durationSec: number,
): Promise<BenchResult[]> {
  console.log(`==> ${run.build.label}: ${scenario.name} (load average ${load()})`);
  try {
    return await scenario.run({
      stack: run.stack,
      gatewayUrl: run.stack.gatewayUrl,
      connections,
      durationSec,
      log,
      processes: run.processes,
    });
  } catch (error) {
    // The other scenarios and the other build still run; the bench fails at the end.
    console.error(`!! ${run.build.label}: ${scenario.name} failed: ${String(error)}`);
    failures.push(`${run.build.label}: ${scenario.name}: ${String(error)}`);
    return [];
  }
}

/**
 * BENCH_CPU_PROF=<dir>: the current build's services run under V8's CPU profiler and write
 * <dir>/<service>/*.cpuprofile when the mall stops (open them in Chrome DevTools or speedscope).
 */
function profiling(build: Build, services: string[]): Record<string, string[]> {
  const dir = process.env.BENCH_CPU_PROF;
  if (!dir || build.label !== 'current') return {};
  return Object.fromEntries(
    services.map((service) => [
      service,
      // Flags, not NODE_OPTIONS: Node refuses --cpu-prof there.
      ['--cpu-prof', `--cpu-prof-dir=${resolve(dir, service)}`],
    ]),
  );
}

/** The baseline's own daprd (cached by its wrapper's and patches' content, so built once). */
const daprdOf = (root: string) =>
  execFileSync('bash', [join(root, 'scripts', 'ensure-daprd.sh')], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  }).trim();

const headOf = (repoRoot: string, rev: string) =>
  execFileSync('git', ['-C', repoRoot, 'rev-parse', '--verify', `${rev}^{commit}`], {
    encoding: 'utf8',
  }).trim();

const mb = (bytes: number) => (bytes / 2 ** 20).toFixed(0);

/** Limits raised so the benchmark measures the mall, not its rate limiter. */
const BENCH_ENV: Record<string, string> = {
  // Production trusts its callees' answers; the mall here runs under NODE_ENV=development, which
  // would check each one against its contract (packages/kit ServiceInvoker).
  CHECK_ANSWERS: 'false',
  RATE_LIMIT_AUTH_PER_IP: '1000000000',
  RATE_LIMIT_PER_USER: '1000000000',
  RATE_LIMIT_ANONYMOUS_PER_IP: '1000000000',
};

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
