import { spawn, execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { REPO_ROOT, context, kubectl, ok } from './support/cluster';

// `tilt ci` with the repository's Tiltfile against the project's cluster, as a developer runs
// `tilt up` there: images built with buildah from the Dockerfile's dev stage and imported into the
// cluster's containerd (custom_build; no Docker, no registry), the chart with tilt/values-dev.yaml
// (in-cluster MariaDB and Redis from the cluster's Debian images, migration Jobs), every workload
// healthy. Tilt comes from the Go module proxy with our one build-time fix (scripts/ensure-tilt.sh).
const NAMESPACE = 'gomall';

function tiltBin(): string {
  return execFileSync('bash', [join(REPO_ROOT, 'scripts', 'ensure-tilt.sh')], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  }).trim();
}

/** Runs tilt with the cluster's kubeconfig, kubectl and helm on PATH; resolves with its exit code. */
function tilt(args: string[], log: string[]): Promise<number> {
  const ctx = context();
  const child = spawn(tiltBin(), args, {
    cwd: REPO_ROOT,
    env: {
      ...process.env,
      KUBECONFIG: ctx.kubeconfig,
      PATH: [dirname(ctx.kubectl), dirname(ctx.helm), process.env.PATH ?? ''].join(':'),
      TILT_DISABLE_ANALYTICS: '1',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const keep = (chunk: Buffer) => log.push(chunk.toString());
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  return new Promise((resolve) => child.on('close', (code) => resolve(code ?? 1)));
}

const tail = (log: string[]) => log.join('').split('\n').slice(-80).join('\n');

describe('tilt ci on the cluster', () => {
  afterAll(async () => {
    // What `tilt up` made goes again (the other tests' release lives in its own namespace).
    await tilt(['down', '--delete-namespaces'], []);
    await kubectl(['delete', 'namespace', NAMESPACE, '--ignore-not-found', '--wait=false']);
  });

  it('builds every image with buildah, deploys the chart and reports every workload healthy', async () => {
    const log: string[] = [];
    const code = await tilt(['ci', '--port', '0', '--web-mode', 'prod', '--timeout', '25m'], log);
    if (code !== 0) throw new Error(`tilt ci exited ${code}:\n${tail(log)}`);
    expect(log.join('')).toContain('SUCCESS. All workloads are healthy.');

    // Every service pod 2/2 with its injected daprd, from the image Tilt built (a tilt-<hash> tag).
    const pods = JSON.parse(
      await ok(
        kubectl([
          '-n',
          NAMESPACE,
          'get',
          'pods',
          '-l',
          'app.kubernetes.io/part-of=gomall',
          '-o',
          'json',
        ]),
      ),
    ) as {
      items: {
        metadata: { labels: Record<string, string> };
        status: {
          phase: string;
          containerStatuses?: { name: string; ready: boolean; image: string }[];
        };
      }[];
    };
    const running = pods.items.filter((p) => p.status.phase === 'Running');
    const services = running.filter((p) =>
      p.status.containerStatuses?.some((c) => c.name === 'daprd'),
    );
    expect(services.length).toBeGreaterThanOrEqual(10);
    for (const pod of services) {
      for (const c of pod.status.containerStatuses ?? []) expect(c.ready).toBe(true);
      const app = pod.status.containerStatuses!.find((c) => c.name !== 'daprd')!;
      expect(app.image).toMatch(/gomall-[a-z]+:tilt-(build-)?[0-9a-f]+$/);
    }
  }, 1_800_000);
});
