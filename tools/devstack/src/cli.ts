#!/usr/bin/env node
/**
 * `npm start` / `npm stop`: runs the whole mall in the foreground until Ctrl-C (or `npm stop`
 * from another terminal), keeping data in .data/ between runs.
 */
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { bindable } from './ports';
import {
  defaultPortPlan,
  ephemeralPortRange,
  plannedPorts,
  portsInRange,
  presentServices,
  type PortPlan,
} from './services';
import { Stack, type TracingOptions } from './stack';

const repoRoot = resolve(__dirname, '..', '..', '..');
const dataDir = resolve(process.env.GOMALL_DATA_DIR ?? join(repoRoot, '.data'));
const stateFile = join(dataDir, 'mall.json');

interface RunState {
  supervisor: number;
  pids: number[];
}

const say = (message: string) => console.log(`    ${message}`);

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function readState(): RunState | undefined {
  if (!existsSync(stateFile)) return undefined;
  try {
    return JSON.parse(readFileSync(stateFile, 'utf8')) as RunState;
  } catch {
    return undefined;
  }
}

/** Processes a killed supervisor left behind; only pids we recorded and that are still ours. */
function reapLeftovers(state: RunState): void {
  for (const pid of state.pids) {
    if (!alive(pid)) continue;
    let cmdline = '';
    try {
      cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    } catch {
      continue;
    }
    if (cmdline.includes(dataDir) || cmdline.includes(repoRoot)) {
      say(`stopping leftover process ${pid} from an earlier run`);
      process.kill(pid, 'SIGKILL');
    }
  }
}

function tail(file: string, lines = 15): string {
  if (!existsSync(file)) return '';
  return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
}

/** `GOMALL_SERVICES=gateway,product` runs part of the mall (the rest of it is left out). */
function chosenServices(): string[] {
  const present = presentServices(repoRoot);
  const only = process.env.GOMALL_SERVICES?.split(',').filter(Boolean);
  if (!only) return present;
  const unknown = only.filter((name) => !present.includes(name as (typeof present)[number]));
  if (unknown.length > 0) throw new Error(`GOMALL_SERVICES: no service ${unknown.join(', ')}`);
  return present.filter((name) => only.includes(name));
}

/** Says whether the ports lie outside the kernel's ephemeral range, and fails on taken ones. */
async function checkPorts(plan: PortPlan): Promise<void> {
  const range = ephemeralPortRange();
  if (range) {
    const inside = portsInRange(plan, range);
    if (inside.length === 0) {
      say(`every port lies outside Linux's ephemeral range ${range[0]}-${range[1]}`);
    } else {
      say(
        `warning: ${inside.map((p) => `${p.name} ${p.port}`).join(', ')} inside Linux's ephemeral ` +
          `range ${range[0]}-${range[1]}: an outgoing connection may take them first ` +
          '(move them with the GOMALL_*_PORT_BASE variables)',
      );
    }
  }
  const checks = await Promise.all(
    plannedPorts(plan).map(async (p) => ({ ...p, free: await bindable(p.port) })),
  );
  const taken = checks.filter((p) => !p.free);
  if (taken.length > 0) {
    throw new Error(
      `ports already in use: ${taken.map((p) => `${p.name} ${p.port}`).join(', ')} ` +
        '(another mall or program; move them with the GOMALL_*_PORT(_BASE) variables)',
    );
  }
}

/** Traces into a local Zipkin when `npm start` fetched one (ZIPKIN_JAR) and GOMALL_TRACING is not 0. */
function tracingOptions(): TracingOptions | undefined {
  const zipkinJar = process.env.ZIPKIN_JAR;
  if (!zipkinJar || process.env.GOMALL_TRACING === '0') return undefined;
  const ratio = Number(process.env.OTEL_TRACES_SAMPLER_ARG ?? '1');
  if (!Number.isFinite(ratio) || ratio < 0 || ratio > 1) {
    throw new Error(`OTEL_TRACES_SAMPLER_ARG must be a number from 0 to 1`);
  }
  return { zipkinJar, samplingRatio: ratio };
}

async function up(): Promise<void> {
  const daprdBin = process.env.DAPRD_BIN;
  if (!daprdBin) throw new Error('DAPRD_BIN is not set: run `npm start`, which builds daprd first');
  const previous = readState();
  if (previous && alive(previous.supervisor)) {
    throw new Error(
      `The mall is already running (pid ${previous.supervisor}); \`npm stop\` stops it`,
    );
  }
  if (previous) reapLeftovers(previous);

  let stopping = false;
  let started = false;
  const services = chosenServices();
  const ports = defaultPortPlan(services);
  await checkPorts(ports);
  const stack = new Stack({
    repoRoot,
    dataDir,
    daprdBin,
    services,
    ports,
    dbPrefix: 'gomall',
    fast: false,
    baseEnv: process.env,
    tracing: tracingOptions(),
    mailpitBin: process.env.MAILPIT_BIN,
    onProgress: say,
    onCrash: (name, code, signal, report) => {
      if (stopping) return;
      const log = join(dataDir, 'logs', `${name}.log`);
      const next =
        report?.restartInMs === undefined
          ? ''
          : `; restarting in ${(report.restartInMs / 1000).toFixed(1)} s (restarts so far: ${report.restarts})`;
      console.error(
        `\n✗ ${name} exited unexpectedly (code ${code ?? '-'}, signal ${signal ?? '-'})${next}; log: ${log}`,
      );
      console.error(tail(log));
    },
    onSpawn: (name) => {
      if (!started || stopping) return;
      say(`${name} restarted`);
      writeState();
    },
  });
  const writeState = () =>
    writeFileSync(stateFile, JSON.stringify({ supervisor: process.pid, pids: stack.pids() }));

  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n==> ${signal}: stopping the mall`);
    await stack.stop();
    rmSync(stateFile, { force: true });
    console.log('==> stopped; data kept in', dataDir);
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));

  console.log(`==> Starting Gomall (data: ${dataDir}, logs: ${join(dataDir, 'logs')})`);
  try {
    await stack.start();
  } catch (error) {
    writeState();
    console.error(`✗ ${(error as Error).message}`);
    await shutdown('start failed');
    return;
  }
  started = true;
  writeState();
  const local = (url: string) => url.replaceAll('127.0.0.1', 'localhost');
  if (services.includes('gateway')) {
    console.log(`\n==> Gomall is up: ${local(stack.gatewayUrl)}  (try /api/v1/products)`);
  } else {
    const urls = services.map((name) => `${name} ${stack.appUrl(name)}`).join(', ');
    console.log(`\n==> Gomall is up: ${local(urls)}`);
  }
  if (services.includes('web')) {
    console.log(`    The shop: ${local(stack.appUrl('web'))}/`);
  }
  if (stack.mailViewUrl) {
    console.log(
      `    Mail sent to customers: ${local(stack.mailViewUrl)}/  (Mailpit; nothing leaves the machine)`,
    );
  }
  if (stack.zipkinUrl) {
    console.log(
      `    Traces: ${local(stack.zipkinUrl)}/zipkin/  (one per request; search by serviceName)`,
    );
  }
  console.log('    Ctrl-C or `npm stop` stops it.');
}

async function down(): Promise<void> {
  const state = readState();
  if (!state || !alive(state.supervisor)) {
    if (state) reapLeftovers(state);
    rmSync(stateFile, { force: true });
    console.log('The mall is not running.');
    return;
  }
  process.kill(state.supervisor, 'SIGTERM');
  const deadline = Date.now() + 60_000;
  while (alive(state.supervisor) && Date.now() < deadline)
    await new Promise((r) => setTimeout(r, 200));
  if (alive(state.supervisor)) {
    process.kill(state.supervisor, 'SIGKILL');
    reapLeftovers(state);
  }
  console.log('The mall is stopped.');
}

const command = process.argv[2] ?? 'up';
const commands: Record<string, () => Promise<void>> = { up, down };
const action = commands[command];
if (!action) {
  console.error(`usage: gomall-devstack up|down`);
  process.exit(2);
}
action().catch((error: unknown) => {
  console.error(`✗ ${(error as Error).message}`);
  process.exit(1);
});
