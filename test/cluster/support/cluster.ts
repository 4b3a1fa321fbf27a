import { execFile } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export const REPO_ROOT = join(__dirname, '..', '..', '..');
/** Written by setup/global-setup.ts for the test files (one cluster for the whole project). */
export const CONTEXT_FILE = join(REPO_ROOT, 'node_modules', '.cache', 'gomall-cluster-tests.json');

export interface ClusterContext {
  kubeconfig: string;
  kubectl: string;
  helm: string;
  helmHome: string;
  nodeIp: string;
  namespace: string;
  release: string;
  ingressHost: string;
  /** Where the cluster's Gomall images are (`<registry>/gomall/<service>:<tag>`). */
  imageRegistry: string;
  imageTag: string;
  /** `helm install/upgrade` arguments that select the chart, its values and the images. */
  chartArgs: string[];
  adminEmail: string;
  adminPassword: string;
}

export const context = (): ClusterContext =>
  JSON.parse(readFileSync(CONTEXT_FILE, 'utf8')) as ClusterContext;

export interface Result {
  code: number;
  stdout: string;
  stderr: string;
}

async function tool(
  bin: string,
  args: string[],
  ctx: ClusterContext,
  input?: string,
): Promise<Result> {
  const env = {
    ...process.env,
    KUBECONFIG: ctx.kubeconfig,
    HELM_CONFIG_HOME: join(ctx.helmHome, 'config'),
    HELM_CACHE_HOME: join(ctx.helmHome, 'cache'),
    HELM_DATA_HOME: join(ctx.helmHome, 'data'),
  };
  if (input !== undefined) {
    return new Promise((resolve) => {
      const child = execFile(
        bin,
        args,
        { env, maxBuffer: 64 * 1024 * 1024 },
        (error, stdout, stderr) =>
          resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
      );
      child.stdin!.end(input);
    });
  }
  try {
    const { stdout, stderr } = await run(bin, args, { env, maxBuffer: 64 * 1024 * 1024 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    return {
      code: typeof e.code === 'number' ? e.code : 1,
      stdout: e.stdout ?? '',
      stderr: e.stderr ?? '',
    };
  }
}

export const kubectl = (args: string[], input?: string, ctx = context()) =>
  tool(ctx.kubectl, args, ctx, input);
export const helm = (args: string[], ctx = context()) => tool(ctx.helm, args, ctx);

/** Like kubectl/helm, but throws with the tool's stderr unless it exits 0. */
export async function ok(result: Promise<Result>): Promise<string> {
  const r = await result;
  if (r.code !== 0) throw new Error(`exit ${r.code}: ${r.stderr || r.stdout}`);
  return r.stdout;
}

export interface HttpResponse<T = unknown> {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: T;
  text: string;
}

/** A request through the ingress controller (the node's port 80), as a shopper's would arrive. */
export function viaIngress<T = unknown>(
  path: string,
  options: {
    method?: string;
    body?: unknown;
    token?: string;
    headers?: Record<string, string>;
  } = {},
  ctx = context(),
): Promise<HttpResponse<T>> {
  const body = options.body === undefined ? undefined : JSON.stringify(options.body);
  const headers: Record<string, string> = { host: ctx.ingressHost, ...options.headers };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: ctx.nodeIp,
        port: 80,
        path: `/api/v1${path}`,
        method: options.method ?? (body === undefined ? 'GET' : 'POST'),
        headers,
        timeout: 30_000,
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => {
          let parsed: unknown = text;
          try {
            parsed = text === '' ? undefined : JSON.parse(text);
          } catch {
            // not JSON: keep the text
          }
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: parsed as T, text });
        });
      },
    );
    req.on('timeout', () => req.destroy(new Error(`timeout: ${path}`)));
    req.on('error', reject);
    req.end(body);
  });
}

/** Retries `check` until it stops throwing (or the time is up, then throws its last error). */
export async function eventually<T>(
  check: () => Promise<T>,
  timeoutMs = 120_000,
  everyMs = 2_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((r) => setTimeout(r, everyMs));
    }
  }
}

/** `npm run cluster -- tag NEW_TAG`: the cluster's Gomall images under another tag too. */
export async function tagImages(tag: string): Promise<void> {
  await run('bash', [join(REPO_ROOT, 'tools', 'cluster', 'cluster.sh'), 'tag', tag]);
}

/** Where the test files keep the logs of the pods they ran: the cluster's teardown deletes its own. */
export const POD_LOGS_DIR = join(REPO_ROOT, 'node_modules', '.cache', 'gomall-cluster-logs');

interface PodContainers {
  metadata: { name: string };
  spec: { containers: { name: string }[] };
}

interface ContainerLog {
  pod: string;
  container: string;
  text: string;
}

/** The log of every container of every pod in `namespace`, as `kubectl logs` has it now. */
async function podLogs(namespace: string, ctx: ClusterContext): Promise<ContainerLog[]> {
  const pods = JSON.parse(
    await ok(kubectl(['-n', namespace, 'get', 'pods', '-o', 'json'], undefined, ctx)),
  ) as { items: PodContainers[] };
  const logs: ContainerLog[] = [];
  for (const pod of pods.items) {
    for (const container of pod.spec.containers) {
      const log = await kubectl(
        ['-n', namespace, 'logs', pod.metadata.name, '-c', container.name],
        undefined,
        ctx,
      );
      logs.push({
        pod: pod.metadata.name,
        container: container.name,
        text: log.stdout + log.stderr,
      });
    }
  }
  return logs;
}

/**
 * Keeps the log of every container in `namespace` under POD_LOGS_DIR and prints the error lines
 * the mall's services wrote (pino's `"level":"error"`), which name what a request threw. Run it
 * before a release is uninstalled: afterwards a failed test has no other trace of why.
 */
export async function keepPodLogs(namespace: string, ctx = context()): Promise<void> {
  const dir = join(POD_LOGS_DIR, namespace);
  mkdirSync(dir, { recursive: true });
  const errors: string[] = [];
  for (const { pod, container, text } of await podLogs(namespace, ctx)) {
    writeFileSync(join(dir, `${pod}_${container}.log`), text);
    for (const line of text.split('\n')) {
      if (/"level":"(error|fatal)"/.test(line)) errors.push(`${pod}: ${line}`);
    }
  }
  if (errors.length > 0) {
    console.warn(
      `${errors.length} error lines in the logs of namespace ${namespace} (the fault tests cause ` +
        `some; every log is in ${dir}):\n${errors.slice(0, 30).join('\n')}`,
    );
  }
}

/**
 * Every request a service of `namespace` answered with 500 (its access log: the kit's `request`
 * line), from whoever asked: the ingress, another service's sidecar, daprd itself. A Gomall
 * service answers a failure it knows with its own status (503 when a dependency is down), so a
 * 500 is always a defect.
 */
export async function internalErrorAnswers(namespace: string, ctx = context()): Promise<string[]> {
  const answers: string[] = [];
  for (const { pod, text } of await podLogs(namespace, ctx)) {
    for (const line of text.split('\n')) {
      if (/"msg":"request"/.test(line) && /"status":500[,}]/.test(line)) {
        answers.push(`${pod}: ${line}`);
      }
    }
  }
  return answers;
}
