import { join } from 'node:path';
import { ManagedProcess, type ExitListener, type RestartPolicy } from './process';
import { httpOk, portInUse, waitFor } from './ports';

export interface MailpitOptions {
  /** Mailpit's binary (scripts/ensure-mailpit.sh builds it from the Go module proxy). */
  bin: string;
  dataDir: string;
  smtpPort: number;
  viewPort: number;
  onExit: ExitListener;
  restart?: RestartPolicy;
  onSpawn?: (name: string, pid: number | undefined) => void;
}

/**
 * The local SMTP sink: every mail the notification service sends lands here, none leaves the
 * machine. Its web view shows them; tests read them through its API (`/api/v1/messages`).
 */
export async function startMailpit(options: MailpitOptions): Promise<ManagedProcess> {
  for (const [name, port] of [
    ['GOMALL_SMTP_PORT', options.smtpPort],
    ['GOMALL_MAIL_VIEW_PORT', options.viewPort],
  ] as const) {
    if (await portInUse(port)) {
      throw new Error(`Mailpit port ${port} is taken (set ${name} to another port)`);
    }
  }
  const server = new ManagedProcess(
    {
      name: 'mailpit',
      command: options.bin,
      args: [
        '--smtp',
        `127.0.0.1:${options.smtpPort}`,
        '--listen',
        `127.0.0.1:${options.viewPort}`,
        // Plain SMTP without authentication on loopback: the sink of a local mall.
        '--smtp-auth-accept-any',
        '--smtp-auth-allow-insecure',
        '--database',
        join(options.dataDir, 'mailpit.db'),
        '--disable-version-check',
      ],
      env: { PATH: process.env.PATH, HOME: process.env.HOME },
      logFile: join(options.dataDir, 'logs', 'mailpit.log'),
    },
    { onUnexpectedExit: options.onExit, restart: options.restart, onSpawn: options.onSpawn },
  );
  server.start();
  await waitFor(
    `Mailpit (log: ${join(options.dataDir, 'logs', 'mailpit.log')})`,
    () => httpOk(`http://127.0.0.1:${options.viewPort}/livez`),
    60_000,
    () => server.alive,
  );
  return server;
}
