import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync, type WriteStream } from 'node:fs';
import { dirname } from 'node:path';

export interface ProcessSpec {
  name: string;
  command: string;
  args: string[];
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  logFile: string;
}

/** Restarts after an unexpected exit, like a kubelet's CrashLoopBackOff: doubling delays. */
export interface RestartPolicy {
  /** Delay before the first restart. */
  initialDelayMs: number;
  /** Delays double up to this. */
  maxDelayMs: number;
  /** A process that ran this long before dying starts again from the initial delay. */
  resetAfterMs: number;
}

export const DEFAULT_RESTART_POLICY: RestartPolicy = {
  initialDelayMs: 500,
  maxDelayMs: 30_000,
  resetAfterMs: 60_000,
};

/** What an unexpected exit led to: the restart count so far and when the next one comes. */
export interface ExitReport {
  restarts: number;
  /** Undefined when the process is not supervised (no restart policy). */
  restartInMs?: number;
}

export type ExitListener = (
  name: string,
  code: number | null,
  signal: NodeJS.Signals | null,
  report?: ExitReport,
) => void;

export interface ProcessHooks {
  onUnexpectedExit: ExitListener;
  /** Every spawn, the first and each restart (the pid changed). */
  onSpawn?: (name: string, pid: number | undefined) => void;
  restart?: RestartPolicy;
}

/**
 * One child process the stack started, with its output in its own log file. The stack knows
 * whether an exit was asked for, so an unexpected one is reported as a crash, and — with a
 * restart policy — the process is started again after a growing delay.
 */
export class ManagedProcess {
  private child?: ChildProcess;
  private log?: WriteStream;
  private stopping = false;
  private exited?: Promise<void>;
  private startedAt = 0;
  private lastDelayMs = 0;
  private restartTimer?: NodeJS.Timeout;
  private restartCount = 0;
  private readonly hooks: ProcessHooks;

  constructor(
    readonly spec: ProcessSpec,
    hooks: ExitListener | ProcessHooks,
  ) {
    this.hooks = typeof hooks === 'function' ? { onUnexpectedExit: hooks } : hooks;
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  get restarts(): number {
    return this.restartCount;
  }

  get running(): boolean {
    return (
      this.child !== undefined && this.child.exitCode === null && this.child.signalCode === null
    );
  }

  /** Running, or dead with a restart on its way: what a readiness wait should keep waiting on. */
  get alive(): boolean {
    return this.running || this.restartTimer !== undefined;
  }

  start(): void {
    this.stopping = false;
    this.spawnChild();
  }

  private spawnChild(): void {
    this.restartTimer = undefined;
    mkdirSync(dirname(this.spec.logFile), { recursive: true });
    this.log ??= createWriteStream(this.spec.logFile, { flags: 'a' });
    const log = this.log;
    const child = spawn(this.spec.command, this.spec.args, {
      cwd: this.spec.cwd,
      env: this.spec.env ?? process.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    this.startedAt = Date.now();
    child.stdout?.pipe(log, { end: false });
    child.stderr?.pipe(log, { end: false });
    this.exited = new Promise((resolve) => {
      // 'close' comes after 'exit' once the child's output pipes are drained, so the log file is
      // only ended when nothing more can be written to it.
      child.once('close', (code, signal) => {
        if (!this.stopping) this.unexpectedExit(code, signal);
        resolve();
      });
      child.once('error', (error) => {
        log.write(`failed to start ${this.spec.command}: ${error.message}\n`);
      });
    });
    this.hooks.onSpawn?.(this.spec.name, child.pid);
  }

  /** The next delay: doubling from the initial one, back to it after a long enough good run. */
  private nextDelay(policy: RestartPolicy): number {
    const ranFor = Date.now() - this.startedAt;
    this.lastDelayMs =
      this.lastDelayMs === 0 || ranFor >= policy.resetAfterMs
        ? policy.initialDelayMs
        : Math.min(this.lastDelayMs * 2, policy.maxDelayMs);
    return this.lastDelayMs;
  }

  private unexpectedExit(code: number | null, signal: NodeJS.Signals | null): void {
    const policy = this.hooks.restart;
    if (!policy) {
      this.hooks.onUnexpectedExit(this.spec.name, code, signal, { restarts: this.restartCount });
      return;
    }
    const delay = this.nextDelay(policy);
    this.log?.write(
      `\n[devstack] ${this.spec.name} exited (code ${code ?? '-'}, signal ${signal ?? '-'}); ` +
        `restarting in ${delay} ms\n`,
    );
    this.restartTimer = setTimeout(() => {
      if (!this.stopping) {
        this.restartCount++;
        this.spawnChild();
      }
    }, delay);
    this.hooks.onUnexpectedExit(this.spec.name, code, signal, {
      restarts: this.restartCount,
      restartInMs: delay,
    });
  }

  /** SIGTERM, then SIGKILL after `graceMs`: the same contract Kubernetes gives a pod. */
  async stop(graceMs = 10_000, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    this.stopping = true;
    clearTimeout(this.restartTimer);
    this.restartTimer = undefined;
    const child = this.child;
    if (child && this.running) {
      if (signal === 'SIGTERM') child.kill('SIGCONT'); // a stopped (SIGSTOP) process cannot act on SIGTERM
      child.kill(signal);
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await this.exited;
      clearTimeout(timer);
    }
    const log = this.log;
    this.log = undefined;
    await new Promise<void>((resolve) => (log ? log.end(resolve) : resolve()));
  }

  /** Kills without warning and without a restart (used by crash-recovery tests). */
  async kill(): Promise<void> {
    await this.stop(0, 'SIGKILL');
  }

  /** Sends a signal as the outside world would: a SIGKILL here counts as a crash (restarted). */
  signal(signal: NodeJS.Signals): void {
    if (this.running) this.child?.kill(signal);
  }
}
