import http from 'node:http';
import type { Stack } from './stack';

export interface ControlServer {
  url: string;
  close(): Promise<void>;
}

const SERVICE_ROUTE = /^\/services\/([a-z]+)\/(restart|kill)$/;
const SIGNAL_ROUTE = /^\/processes\/([a-z-]+)\/signal$/;
const SIGNALS = new Set<string>(['SIGKILL', 'SIGSTOP', 'SIGCONT', 'SIGTERM']);

async function readJson(req: http.IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  return text === '' ? {} : (JSON.parse(text) as unknown);
}

function envOf(body: unknown): Record<string, string> {
  const env = (body as { env?: unknown } | null)?.env ?? {};
  if (typeof env !== 'object' || env === null || Array.isArray(env)) {
    throw new Error('env must be an object of strings');
  }
  for (const value of Object.values(env)) {
    if (typeof value !== 'string') throw new Error('env values must be strings');
  }
  return env as Record<string, string>;
}

/**
 * Lets test files, which run in jest worker processes, restart or kill a service of the stack
 * that lives in jest's globalSetup process (crash-recovery tests). Loopback only, test runs only:
 *
 *   POST /services/<name>/restart  { "env": { … } }   restarts the app (not its sidecar), waits ready
 *   POST /services/<name>/kill                         SIGKILLs the app and keeps it down
 *   POST /processes/<name>/signal { "signal": "SIGKILL" }  a signal from outside: a SIGKILL is a
 *        crash the supervisor restarts; SIGSTOP/SIGCONT hang and resume (`mariadb`, `checkout-daprd`)
 *   GET  /processes                                    every process: name, pid, restarts, running
 */
export async function startControlServer(stack: Stack): Promise<ControlServer> {
  const server = http.createServer((req, res) => {
    const match = SERVICE_ROUTE.exec(req.url ?? '');
    const answer = (status: number, body?: unknown) => {
      res.writeHead(status, body === undefined ? {} : { 'content-type': 'application/json' });
      res.end(body === undefined ? undefined : JSON.stringify(body));
    };
    if (req.method === 'GET' && req.url === '/processes') return answer(200, stack.processes());
    const signalMatch = SIGNAL_ROUTE.exec(req.url ?? '');
    if (req.method === 'POST' && signalMatch) {
      readJson(req)
        .then((body) => {
          const signal = (body as { signal?: unknown }).signal;
          if (typeof signal !== 'string' || !SIGNALS.has(signal)) {
            return answer(400, { error: `signal must be one of ${[...SIGNALS].join(', ')}` });
          }
          stack.signal(signalMatch[1] as string, signal as NodeJS.Signals);
          return answer(204);
        })
        .catch((error: unknown) => answer(404, { error: String(error) }));
      return;
    }
    if (req.method !== 'POST' || !match) return answer(404, { error: 'no such control route' });
    const [, service, action] = match as unknown as [string, string, 'restart' | 'kill'];
    if (!stack.options.services.includes(service)) {
      return answer(404, { error: `no service ${service}` });
    }
    readJson(req)
      .then((body) =>
        action === 'restart'
          ? stack.restartService(service, envOf(body))
          : stack.killService(service),
      )
      .then(
        () => answer(204),
        (error: unknown) => answer(500, { error: String(error) }),
      );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
