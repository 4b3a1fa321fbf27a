import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { startMariaDb } from './mariadb';
import { httpOk, waitFor } from './ports';
import {
  DEFAULT_RESTART_POLICY,
  ManagedProcess,
  type ExitListener,
  type ProcessHooks,
  type RestartPolicy,
} from './process';
import { startMailpit } from './mailpit';
import { startRedis } from './redis';
import { startZipkin } from './zipkin';
import { usesDatabase, type PortPlan } from './services';

const runFile = promisify(execFile);

export interface StackOptions {
  repoRoot: string;
  dataDir: string;
  daprdBin: string;
  services: readonly string[];
  ports: PortPlan;
  /** Database names are `<dbPrefix>_<service>`: one schema per owning service, per stack. */
  dbPrefix: string;
  fast: boolean;
  logLevel?: string;
  /**
   * The caller's environment (`npm start` passes its own): every service sees it, under what the
   * stack sets itself (ports, database, sidecar), so README's configuration variables work locally.
   */
  baseEnv?: NodeJS.ProcessEnv;
  /** Extra environment for every service, or for one (`serviceEnv.checkout`). */
  env?: Record<string, string>;
  serviceEnv?: Record<string, Record<string, string>>;
  /** Extra Node flags for one service (`nodeArgs.checkout`), e.g. `--cpu-prof`, which Node refuses in NODE_OPTIONS. */
  nodeArgs?: Record<string, string[]>;
  /** Every process is restarted after an unexpected exit (default: DEFAULT_RESTART_POLICY). */
  restart?: RestartPolicy | false;
  onCrash?: ExitListener;
  /** A process was (re)started: its pid changed. */
  onSpawn?: (name: string, pid: number | undefined) => void;
  onProgress?: (message: string) => void;
  /**
   * Traces: a Zipkin server of the stack's own, spans from every service and sidecar. Absent,
   * nothing is traced.
   */
  tracing?: TracingOptions;
  /** The SMTP sink (Mailpit's binary) the notification service sends to; needed when it runs. */
  mailpitBin?: string;
}

export interface TracingOptions {
  /** The Zipkin server's jar (scripts/ensure-zipkin.sh prints its path). */
  zipkinJar: string;
  /** Share of new traces kept, 0…1 (OTEL_TRACES_SAMPLER_ARG and Dapr's samplingRate). */
  samplingRatio: number;
}

/**
 * The stack's administrative MariaDB account, for people (`mariadb -ugomall -pgomall`) and the test
 * harness that arranges and inspects data. No service gets it: each service with a schema gets an
 * account of its own (`databaseAccountOf`) that can reach that schema only.
 */
export const DB_USER = 'gomall';
export const DB_PASSWORD = 'gomall';

/** A service's own database account and schema. */
export interface DatabaseAccount {
  user: string;
  password: string;
  schema: string;
}

/** The two Dapr tokens of one service: what daprd shows its app, and what the app shows daprd. */
export interface ServiceTokens {
  /** APP_API_TOKEN: daprd sends it on every call to the app; the app refuses calls without it. */
  app: string;
  /** DAPR_API_TOKEN: the app sends it to its own sidecar; daprd refuses API calls without it. */
  dapr: string;
}

const newToken = (): string => randomBytes(24).toString('base64url');

/**
 * The young generation's semi-space cap per service, in MB. V8 grows it to its default (16 MB)
 * while the modules load and keeps it: ≈ 20 MB of RSS per idle service, and 4 MB is ample for a
 * service's garbage at local rates. The gateway sees every request: at its 16 MB default it
 * scavenges less often, ≈ 10 % less CPU per proxied GET (measured at 20 connections).
 */
function semiSpaceMb(service: string): number {
  return service === 'gateway' ? 16 : 4;
}

/**
 * A whole mall on one machine: MariaDB, Redis, and every service with its own daprd sidecar
 * (app id = service name). `npm start` runs one; each integration-test run runs its own.
 */
export class Stack {
  private infra: ManagedProcess[] = [];
  private readonly apps = new Map<string, ManagedProcess>();
  private readonly sidecars = new Map<string, ManagedProcess>();
  private configPath = '';
  /** Fresh for every stack: no token of this mall is written anywhere but its processes' env. */
  private readonly tokens = new Map<string, ServiceTokens>();
  /** Services with a schema: their own account (user = schema name), a fresh password per start. */
  private readonly databaseAccounts = new Map<string, DatabaseAccount>();

  constructor(readonly options: StackOptions) {
    for (const service of options.services) {
      this.tokens.set(service, { app: newToken(), dapr: newToken() });
      if (usesDatabase(options.repoRoot, service)) {
        const schema = `${options.dbPrefix}_${service}`;
        this.databaseAccounts.set(service, { user: schema, password: newToken(), schema });
      }
    }
  }

  get gatewayUrl(): string {
    return this.appUrl('gateway');
  }

  appUrl(service: string): string {
    return `http://127.0.0.1:${this.portsOf(service).app}`;
  }

  /** /healthz, /readyz and /metrics of a service (its OPS_PORT). */
  opsUrl(service: string): string {
    return `http://127.0.0.1:${this.portsOf(service).ops}`;
  }

  daprUrl(service: string): string {
    return `http://127.0.0.1:${this.portsOf(service).daprHttp}`;
  }

  /** A service's Dapr tokens (tests drive a sidecar, or call an app as its sidecar would). */
  tokensOf(service: string): ServiceTokens {
    const tokens = this.tokens.get(service);
    if (!tokens) throw new Error(`No tokens for ${service}`);
    return tokens;
  }

  /** A service's own database account, if it owns a schema (tests prove it reaches no other). */
  databaseAccountOf(service: string): DatabaseAccount | undefined {
    return this.databaseAccounts.get(service);
  }

  /** Zipkin's UI and query API, when the stack traces. */
  get zipkinUrl(): string | undefined {
    return this.options.tracing ? `http://127.0.0.1:${this.options.ports.zipkin}` : undefined;
  }

  /** Where services and sidecars send spans (Zipkin's v2 API). */
  private get spansUrl(): string | undefined {
    const base = this.zipkinUrl;
    return base ? `${base}/api/v2/spans` : undefined;
  }

  /** Mailpit's web view and API, when the stack runs the notification service. */
  get mailViewUrl(): string | undefined {
    return this.sendsMail ? `http://127.0.0.1:${this.options.ports.mailView}` : undefined;
  }

  private get sendsMail(): boolean {
    return this.options.services.includes('notification');
  }

  get redisUrl(): string {
    return `redis://127.0.0.1:${this.options.ports.redis}`;
  }

  pids(): number[] {
    return [...this.infra, ...this.apps.values(), ...this.sidecars.values()]
      .map((p) => p.pid)
      .filter((pid): pid is number => pid !== undefined);
  }

  async start(): Promise<void> {
    const { dataDir, ports } = this.options;
    mkdirSync(join(dataDir, 'logs'), { recursive: true });
    this.progress(`MariaDB on 127.0.0.1:${ports.db}, Redis on 127.0.0.1:${ports.redis}`);
    const { onUnexpectedExit, restart, onSpawn } = this.hooks();
    const tracing = this.options.tracing;
    if (tracing) this.progress(`Zipkin (traces) on ${this.zipkinUrl}`);
    const mailpitBin = this.options.mailpitBin;
    if (this.sendsMail && !mailpitBin) {
      throw new Error('the notification service needs the SMTP sink: set mailpitBin (MAILPIT_BIN)');
    }
    const [db, redis, zipkin, mailpit] = await Promise.all([
      startMariaDb({
        dataDir,
        port: ports.db,
        user: DB_USER,
        password: DB_PASSWORD,
        schemaUsers: [...this.databaseAccounts.values()],
        fast: this.options.fast,
        onExit: onUnexpectedExit,
        restart,
        onSpawn,
      }),
      startRedis({ dataDir, port: ports.redis, onExit: onUnexpectedExit, restart, onSpawn }),
      tracing &&
        startZipkin({
          jar: tracing.zipkinJar,
          dataDir,
          port: ports.zipkin,
          onExit: onUnexpectedExit,
          restart,
          onSpawn,
        }),
      this.sendsMail &&
        mailpitBin &&
        startMailpit({
          bin: mailpitBin,
          dataDir,
          smtpPort: ports.smtp,
          viewPort: ports.mailView,
          onExit: onUnexpectedExit,
          restart,
          onSpawn,
        }),
    ]);
    this.infra = [db, redis, zipkin, mailpit].filter((p): p is ManagedProcess => !!p);
    if (mailpit) this.progress(`Mailpit (mail sink) on ${this.mailViewUrl}`);
    this.configPath = this.renderDaprConfig();
    await this.migrateAll();
    this.progress(`starting ${this.options.services.join(', ')} with their daprd sidecars`);
    for (const service of this.options.services) this.startService(service);
    await Promise.all(this.options.services.map((service) => this.waitReady(service)));
  }

  async stop(): Promise<void> {
    await Promise.all([...this.apps.values()].map((p) => p.stop()));
    await Promise.all([...this.sidecars.values()].map((p) => p.stop()));
    await Promise.all(this.infra.map((p) => p.stop(30_000)));
  }

  /** Restarts one service's app process (its sidecar keeps running), optionally with new env. */
  async restartService(service: string, env: Record<string, string> = {}): Promise<void> {
    await this.apps.get(service)?.stop();
    this.startApp(service, env);
    await this.waitReady(service);
  }

  /** SIGKILLs one service's app process and keeps it down (until restartService). */
  async killService(service: string): Promise<void> {
    await this.apps.get(service)?.kill();
  }

  /**
   * Sends a signal from outside, as the world would: SIGKILL is a crash the supervisor restarts,
   * SIGSTOP/SIGCONT hang and resume a process. `target` is a service (`checkout`), its sidecar
   * (`checkout-daprd`), `mariadb` or `redis`.
   */
  signal(target: string, signal: NodeJS.Signals): void {
    const process = this.processOf(target);
    if (!process) throw new Error(`No process ${target} in this stack`);
    process.signal(signal);
  }

  /** Every process of the stack by name, with its pid and restart count. */
  processes(): { name: string; pid: number | undefined; restarts: number; running: boolean }[] {
    return [...this.infra, ...this.apps.values(), ...this.sidecars.values()].map((p) => ({
      name: p.spec.name,
      pid: p.pid,
      restarts: p.restarts,
      running: p.running,
    }));
  }

  private processOf(target: string): ManagedProcess | undefined {
    if (target.endsWith('-daprd')) return this.sidecars.get(target.slice(0, -'-daprd'.length));
    return this.apps.get(target) ?? this.infra.find((p) => p.spec.name === target);
  }

  /**
   * As in Kubernetes, where each service's migration Job runs before its rollout: every schema is
   * migrated (and seeded) by the service's own `migrate.js`, one process per service, before any
   * service starts, and the services start with DB_MIGRATE_ON_START=false. A serving process then
   * never loads the migration tooling (umzug and its command line: ≈ 9 MB each).
   */
  private async migrateAll(): Promise<void> {
    const owners = this.options.services.filter((service) => this.databaseAccounts.has(service));
    if (owners.length === 0) return;
    this.progress(`migrating ${owners.join(', ')}`);
    await Promise.all(
      owners.map(async (service) => {
        const script = join(this.options.repoRoot, 'services', service, 'dist', 'migrate.js');
        try {
          await runFile(process.execPath, ['--enable-source-maps', script], {
            env: this.serviceEnv(service),
            cwd: this.options.repoRoot,
            maxBuffer: 16 * 1024 * 1024,
          });
        } catch (error) {
          const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
          const tail = `${stdout}${stderr}`.trim().split('\n').slice(-10).join('\n');
          throw new Error(`${service}: migration failed\n${tail}`, { cause: error });
        }
      }),
    );
  }

  private startService(service: string): void {
    this.startApp(service);
    this.startSidecar(service);
  }

  private serviceEnv(service: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
    const ports = this.portsOf(service);
    const base = this.options.baseEnv ?? {};
    return {
      ...base,
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      NODE_ENV: base.NODE_ENV ?? process.env.NODE_ENV ?? 'development',
      LOG_LEVEL: this.options.logLevel ?? base.LOG_LEVEL ?? 'info',
      PORT: String(ports.app),
      OPS_PORT: String(ports.ops),
      APP_API_TOKEN: this.tokensOf(service).app,
      DAPR_API_TOKEN: this.tokensOf(service).dapr,
      DAPR_HOST: '127.0.0.1',
      DAPR_HTTP_PORT: String(ports.daprHttp),
      ...this.databaseEnv(service),
      REDIS_URL: this.redisUrl,
      ...this.tracingEnv(service),
      ...this.options.env,
      ...this.options.serviceEnv?.[service],
      ...extra,
    };
  }

  /** The standard OpenTelemetry variables the kit reads (packages/kit/src/tracing). */
  private tracingEnv(service: string): Record<string, string> {
    const spans = this.spansUrl;
    if (!spans || !this.options.tracing) return {};
    return {
      OTEL_SERVICE_NAME: service,
      OTEL_EXPORTER_ZIPKIN_ENDPOINT: spans,
      OTEL_TRACES_SAMPLER_ARG: String(this.options.tracing.samplingRatio),
    };
  }

  /** Only a service with a schema gets database settings, and only its own account. */
  private databaseEnv(service: string): Record<string, string> {
    const account = this.databaseAccounts.get(service);
    if (!account) return {};
    return {
      DB_HOST: '127.0.0.1',
      DB_PORT: String(this.options.ports.db),
      DB_USER: account.user,
      DB_PASSWORD: account.password,
      DB_NAME: account.schema,
      // migrateAll() has run the migrations already.
      DB_MIGRATE_ON_START: 'false',
    };
  }

  private startApp(service: string, extra: Record<string, string> = {}): void {
    const app = new ManagedProcess(
      {
        name: service,
        command: process.execPath,
        args: [
          '--enable-source-maps',
          `--max-semi-space-size=${semiSpaceMb(service)}`,
          ...(this.options.nodeArgs?.[service] ?? []),
          join(this.options.repoRoot, 'services', service, 'dist', 'index.js'),
        ],
        env: this.serviceEnv(service, extra),
        cwd: this.options.repoRoot,
        logFile: join(this.options.dataDir, 'logs', `${service}.log`),
      },
      this.hooks(),
    );
    app.start();
    this.apps.set(service, app);
  }

  private startSidecar(service: string): void {
    const ports = this.portsOf(service);
    const sidecar = new ManagedProcess(
      {
        name: `${service}-daprd`,
        command: this.options.daprdBin,
        args: [
          '--mode',
          'standalone',
          '--app-id',
          service,
          '--app-port',
          String(ports.app),
          '--app-protocol',
          'http',
          '--app-channel-address',
          '127.0.0.1',
          '--dapr-listen-addresses',
          '127.0.0.1',
          '--dapr-http-port',
          String(ports.daprHttp),
          '--dapr-grpc-port',
          String(ports.daprGrpc),
          '--dapr-internal-grpc-port',
          String(ports.daprInternalGrpc),
          '--metrics-port',
          String(ports.daprMetrics),
          '--resources-path',
          join(this.options.repoRoot, 'dapr-components', 'resources'),
          '--config',
          this.configPath,
          '--log-as-json',
          '--log-level',
          'warn',
        ],
        env: {
          PATH: process.env.PATH,
          HOME: process.env.HOME,
          // Read by the `secretstore` component (secretstores.local.env).
          GOMALL_REDIS_HOST: `127.0.0.1:${this.options.ports.redis}`,
          // Read by the `mail` SMTP binding (the notification service's sidecar only loads it).
          GOMALL_SMTP_HOST: '127.0.0.1',
          GOMALL_SMTP_PORT: String(this.options.ports.smtp),
          // Dapr's own token authentication, both ways (see ServiceTokens).
          APP_API_TOKEN: this.tokensOf(service).app,
          DAPR_API_TOKEN: this.tokensOf(service).dapr,
          // Every sidecar shares the machine's cores with the services. With one P, Go's scheduler
          // stops spinning threads in search of work after each request a sidecar relays:
          // 10-20 % less sidecar CPU per call at the same rate (20 connections, full path).
          GOMAXPROCS: '1',
        },
        cwd: this.options.repoRoot,
        logFile: join(this.options.dataDir, 'logs', `${service}-daprd.log`),
      },
      this.hooks(),
    );
    sidecar.start();
    this.sidecars.set(service, sidecar);
  }

  private async waitReady(service: string): Promise<void> {
    const app = this.apps.get(service);
    await waitFor(
      `${service} (log: ${join(this.options.dataDir, 'logs', `${service}.log`)})`,
      () => httpOk(`${this.opsUrl(service)}/readyz`),
      120_000,
      () => (app?.alive ?? false) && (this.sidecars.get(service)?.alive ?? false),
    );
    this.progress(`${service} ready on ${this.appUrl(service)}`);
  }

  /** The committed Configuration, pointed at this stack's own name-resolution file and Zipkin. */
  private renderDaprConfig(): string {
    const source = join(this.options.repoRoot, 'dapr-components', 'config.yaml');
    const config = parse(readFileSync(source, 'utf8')) as {
      spec: {
        nameResolution: { configuration: { connectionString: string } };
        tracing?: unknown;
      };
    };
    config.spec.nameResolution.configuration.connectionString = join(
      this.options.dataDir,
      'dapr',
      'nameresolution.db',
    );
    // Sidecars trace too (their spans sit between the apps' client and server spans), into the
    // same Zipkin, with the same sampling. W3C trace context is Dapr's default propagation.
    const spans = this.spansUrl;
    if (spans && this.options.tracing) {
      config.spec.tracing = {
        samplingRate: String(this.options.tracing.samplingRatio),
        zipkin: { endpointAddress: spans },
      };
    }
    const dir = join(this.options.dataDir, 'dapr');
    mkdirSync(dir, { recursive: true });
    const target = join(dir, 'config.yaml');
    writeFileSync(target, stringify(config));
    return target;
  }

  private portsOf(service: string) {
    const ports = this.options.ports.services[service];
    if (!ports) throw new Error(`No ports planned for ${service}`);
    return ports;
  }

  private hooks(): ProcessHooks {
    return {
      onUnexpectedExit: (name, code, signal, report) =>
        this.options.onCrash?.(name, code, signal, report),
      onSpawn: (name, pid) => this.options.onSpawn?.(name, pid),
      restart:
        this.options.restart === false
          ? undefined
          : (this.options.restart ?? DEFAULT_RESTART_POLICY),
    };
  }

  private progress(message: string): void {
    this.options.onProgress?.(message);
  }
}
