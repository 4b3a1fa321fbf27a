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

export type ExitListener = (
  name: string,
  code: number | null,
  signal: NodeJS.Signals | null,
) => void;

/**
 * One child process the stack started, with its output in its own log file. The stack knows
 * whether an exit was asked for, so an unexpected one is reported as a crash.
 */
export class ManagedProcess {
  private child?: ChildProcess;
  private log?: WriteStream;
  private stopping = false;
  private exited?: Promise<void>;

  constructor(
    readonly spec: ProcessSpec,
    private readonly onUnexpectedExit: ExitListener,
  ) {}

  get pid(): number | undefined {
    return this.child?.pid;
  }

  get running(): boolean {
    return (
      this.child !== undefined && this.child.exitCode === null && this.child.signalCode === null
    );
  }

  start(): void {
    mkdirSync(dirname(this.spec.logFile), { recursive: true });
    this.log = createWriteStream(this.spec.logFile, { flags: 'a' });
    this.stopping = false;
    const child = spawn(this.spec.command, this.spec.args, {
      cwd: this.spec.cwd,
      env: this.spec.env ?? process.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    child.stdout?.pipe(this.log, { end: false });
    child.stderr?.pipe(this.log, { end: false });
    this.exited = new Promise((resolve) => {
      // 'close' comes after 'exit' once the child's output pipes are drained, so the log file is
      // only ended when nothing more can be written to it.
      child.once('close', (code, signal) => {
        if (!this.stopping) this.onUnexpectedExit(this.spec.name, code, signal);
        resolve();
      });
      child.once('error', (error) => {
        this.log?.write(`failed to start ${this.spec.command}: ${error.message}\n`);
      });
    });
  }

  /** SIGTERM, then SIGKILL after `graceMs`: the same contract Kubernetes gives a pod. */
  async stop(graceMs = 10_000, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    this.stopping = true;
    const child = this.child;
    if (!child || !this.running) return;
    child.kill(signal);
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    await this.exited;
    clearTimeout(timer);
    await new Promise<void>((resolve) => this.log?.end(resolve) ?? resolve());
  }

  /** Kills without warning, as a crash would (used by crash-recovery tests). */
  async kill(): Promise<void> {
    await this.stop(0, 'SIGKILL');
  }
}
