import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ManagedProcess, type ExitReport, type RestartPolicy } from '../src/process';

/** The local mall's supervisor: an unexpected exit is reported and restarted with backoff. */
describe('ManagedProcess supervision', () => {
  const dir = mkdtempSync(join(tmpdir(), 'gm-proc-'));
  const policy: RestartPolicy = { initialDelayMs: 50, maxDelayMs: 200, resetAfterMs: 10_000 };
  const until = async (check: () => boolean, timeoutMs = 10_000) => {
    const deadline = Date.now() + timeoutMs;
    while (!check()) {
      if (Date.now() > deadline) throw new Error('timed out');
      await new Promise((r) => setTimeout(r, 20));
    }
  };

  it('restarts a process that keeps dying, with doubling delays up to the maximum', async () => {
    const reports: ExitReport[] = [];
    const spawned: number[] = [];
    const proc = new ManagedProcess(
      {
        name: 'dies',
        command: process.execPath,
        args: ['-e', 'process.exit(3)'],
        logFile: join(dir, 'dies.log'),
      },
      {
        onUnexpectedExit: (_name, code, _signal, report) => {
          expect(code).toBe(3);
          reports.push(report as ExitReport);
        },
        onSpawn: (_name, pid) => spawned.push(pid ?? 0),
        restart: policy,
      },
    );
    proc.start();
    await until(() => reports.length >= 5);
    await proc.stop();
    expect(reports.slice(0, 5).map((r) => r.restartInMs)).toEqual([50, 100, 200, 200, 200]);
    expect(reports.slice(0, 5).map((r) => r.restarts)).toEqual([0, 1, 2, 3, 4]);
    expect(new Set(spawned).size).toBe(spawned.length);
    const count = spawned.length;
    await new Promise((r) => setTimeout(r, 400));
    expect(spawned.length).toBe(count); // stopped: no restart after stop()
    expect(readFileSync(join(dir, 'dies.log'), 'utf8')).toContain('dies exited (code 3');
  });

  it('restarts a process SIGKILLed from outside, but not one the stack kills on purpose', async () => {
    const exits: (NodeJS.Signals | null)[] = [];
    const proc = new ManagedProcess(
      {
        name: 'sleeper',
        command: process.execPath,
        args: ['-e', 'setInterval(() => {}, 1000)'],
        logFile: join(dir, 'sleeper.log'),
      },
      { onUnexpectedExit: (_n, _c, signal) => exits.push(signal), restart: policy },
    );
    proc.start();
    const first = proc.pid;
    proc.signal('SIGKILL');
    await until(() => proc.running && proc.pid !== first);
    expect(exits).toEqual(['SIGKILL']);
    expect(proc.restarts).toBe(1);
    await proc.kill();
    await new Promise((r) => setTimeout(r, 300));
    expect(proc.running).toBe(false);
    expect(proc.alive).toBe(false);
    expect(exits).toEqual(['SIGKILL']);
  });

  it('stops a hung (SIGSTOPped) process within its grace period', async () => {
    const proc = new ManagedProcess(
      {
        name: 'hung',
        command: process.execPath,
        args: ['-e', 'process.on("SIGTERM", () => process.exit(0)); setInterval(() => {}, 1000)'],
        logFile: join(dir, 'hung.log'),
      },
      { onUnexpectedExit: () => undefined, restart: policy },
    );
    proc.start();
    await new Promise((r) => setTimeout(r, 300));
    proc.signal('SIGSTOP');
    const started = Date.now();
    await proc.stop(5_000);
    expect(Date.now() - started).toBeLessThan(4_000);
    expect(proc.running).toBe(false);
  });
});
