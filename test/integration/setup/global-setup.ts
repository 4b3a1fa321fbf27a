import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { freePortPlan, presentServices, Stack, startControlServer } from '@gomall/devstack';
import { GATEWAY_TEST_ENV, IDENTITY_TEST_ENV } from '../support/auth';

/**
 * One isolated mall per test run: its own data folder, ports, database names and Redis, so runs
 * never see each other or a developer's `npm start` mall. Torn down by global-teardown.ts.
 */
export default async function globalSetup(): Promise<void> {
  const daprdBin = process.env.DAPRD_BIN;
  if (!daprdBin) throw new Error('DAPRD_BIN is not set: run the tests with `npm test`');
  const zipkinJar = process.env.ZIPKIN_JAR;
  if (!zipkinJar) throw new Error('ZIPKIN_JAR is not set: run the tests with `npm test`');
  const runId = randomBytes(3).toString('hex');
  // Short path: MariaDB's socket lives in here and Unix socket paths are limited in length.
  const dataDir = mkdtempSync(join(tmpdir(), `gm-${runId}-`));
  const repoRoot = resolve(__dirname, '..', '..', '..');
  // GOMALL_IT_SERVICES=gateway,user,… runs a smaller mall (leaves out a service still being built).
  const only = process.env.GOMALL_IT_SERVICES?.split(',').filter(Boolean);
  const services = presentServices(repoRoot).filter((name) => !only || only.includes(name));
  const stack = new Stack({
    repoRoot,
    dataDir,
    daprdBin,
    services,
    ports: await freePortPlan(services),
    dbPrefix: `t${runId}`,
    fast: true,
    // The shared test mall does not restart a dead process: crash tests (checkout-recovery) look
    // at what a crash left behind before they restart the service themselves. The supervisor's
    // healing is tested on stacks of their own (local-mall, fault-suite).
    restart: false,
    logLevel: 'info',
    // Traced like `npm start`: every test runs through the instrumentation, tracing.test.ts reads
    // the traces back from this Zipkin.
    tracing: { zipkinJar, samplingRatio: 1 },
    mailpitBin: process.env.MAILPIT_BIN,
    env: { ...IDENTITY_TEST_ENV },
    serviceEnv: { gateway: GATEWAY_TEST_ENV },
    onProgress: (message) => process.stderr.write(`[stack] ${message}\n`),
    onCrash: (name, code, signal) =>
      process.stderr.write(
        `[stack] ${name} exited (code ${code ?? '-'}, signal ${signal ?? '-'})\n`,
      ),
  });
  (globalThis as { __gomallStack?: Stack }).__gomallStack = stack;
  process.stderr.write(`\n[stack] test mall in ${dataDir}\n`);
  try {
    await stack.start();
  } catch (error) {
    // jest runs no teardown when setup throws: stop what did start, keep the logs for a look.
    process.stderr.write(`[stack] start failed; logs kept in ${join(dataDir, 'logs')}\n`);
    await stack.stop();
    throw error;
  }

  process.env.GOMALL_IT_GATEWAY_URL = stack.gatewayUrl;
  process.env.GOMALL_IT_DATA_DIR = dataDir;
  process.env.GOMALL_IT_DB_PORT = String(stack.options.ports.db);
  process.env.GOMALL_IT_DB_PREFIX = stack.options.dbPrefix;
  process.env.GOMALL_IT_REDIS_URL = stack.redisUrl;
  process.env.GOMALL_IT_ZIPKIN_URL = stack.zipkinUrl ?? '';
  process.env.GOMALL_IT_MAIL_URL = stack.mailViewUrl ?? '';
  for (const service of services) {
    process.env[`GOMALL_IT_${service.toUpperCase()}_URL`] = stack.appUrl(service);
    process.env[`GOMALL_IT_${service.toUpperCase()}_OPS_URL`] = stack.opsUrl(service);
    // The sidecar's and the app's Dapr tokens: tests drive a sidecar as its app does, and the
    // zero-trust tests call an app directly with and without its app token.
    process.env[`GOMALL_IT_${service.toUpperCase()}_DAPR_TOKEN`] = stack.tokensOf(service).dapr;
    process.env[`GOMALL_IT_${service.toUpperCase()}_APP_TOKEN`] = stack.tokensOf(service).app;
    // The service's own sidecar: tests call other services through it like a service would.
    process.env[`GOMALL_IT_${service.toUpperCase()}_DAPR_URL`] = stack.daprUrl(service);
    // The service's own database account (db-accounts.test.ts: it reaches no other schema).
    const account = stack.databaseAccountOf(service);
    if (account) {
      process.env[`GOMALL_IT_${service.toUpperCase()}_DB_USER`] = account.user;
      process.env[`GOMALL_IT_${service.toUpperCase()}_DB_PASSWORD`] = account.password;
    }
    // daprd's Prometheus endpoint (monitoring.test.ts scrapes it).
    process.env[`GOMALL_IT_${service.toUpperCase()}_DAPR_METRICS_PORT`] = String(
      stack.options.ports.services[service]?.daprMetrics ?? '',
    );
  }
  // Loopback control of the stack for test files in worker processes (crash-recovery tests).
  const control = await startControlServer(stack);
  (globalThis as { __gomallControl?: { close(): Promise<void> } }).__gomallControl = control;
  process.env.GOMALL_IT_CONTROL_URL = control.url;
}
