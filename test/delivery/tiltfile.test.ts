import { execFile } from 'node:child_process';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { parseObjects } from './support/helm';
import { REPO_ROOT, tempDir, toolBin } from './support/tools';

// The Tiltfile evaluated by the real Tilt CLI (built from the Go module proxy):
// `tilt alpha tiltfile-result` runs it (including helm() rendering the chart with tilt/values-dev)
// without a cluster or Docker, and prints the resources `tilt up` would manage.
const run = promisify(execFile);
const SERVICES = [
  'auth',
  'cart',
  'checkout',
  'gateway',
  'notification',
  'order',
  'payment',
  'product',
  'user',
  'web',
];
const MIGRATING = ['auth', 'checkout', 'notification', 'order', 'payment', 'product', 'user'];

interface Manifest {
  Name: string;
  Labels?: Record<string, string>;
  ResourceDependencies?: string[];
  ImageTargets?: {
    selector: string;
    LiveUpdateSpec?: { syncs: { localPath: string; containerPath: string }[]; stopPaths: string[] };
    BuildDetails?: { args?: string[]; target?: string; context?: string };
  }[];
  DeployTarget: {
    yaml?: string;
    portForwardTemplateSpec?: { forwards: { localPort: number; containerPort: number }[] };
    UpdateCmdSpec?: { args: string[] };
    ServeCmd?: { Argv: string[] | null };
  };
}

describe('Tiltfile', () => {
  let manifests: Map<string, Manifest>;
  let cleanup: () => void;

  beforeAll(async () => {
    const temp = tempDir('gm-tilt-');
    cleanup = temp.cleanup;
    const tilt = toolBin('tilt');
    const helmDir = dirname(toolBin('helm'));
    const { stdout } = await run(
      tilt,
      ['alpha', 'tiltfile-result', '-f', join(REPO_ROOT, 'Tiltfile')],
      {
        cwd: REPO_ROOT,
        maxBuffer: 64 * 1024 * 1024,
        env: {
          ...process.env,
          // helm() shells out to `helm template`; no cluster is contacted.
          PATH: `${helmDir}:${process.env.PATH ?? ''}`,
          KUBECONFIG: join(temp.dir, 'no-cluster'),
          TILT_DISABLE_ANALYTICS: '1',
          HOME: temp.dir,
        },
      },
    );
    const result = JSON.parse(stdout) as { Manifests: Manifest[]; Error: unknown };
    expect(result.Error).toBeNull();
    manifests = new Map(result.Manifests.map((m) => [m.Name, m]));
  }, 1_800_000);

  afterAll(() => cleanup?.());

  const manifest = (name: string) => {
    const found = manifests.get(name);
    if (!found)
      throw new Error(`no Tilt resource ${name}; have ${[...manifests.keys()].join(', ')}`);
    return found;
  };

  it('builds one image per service from the one Dockerfile, with live_update of compiled output', () => {
    for (const service of SERVICES) {
      const [image] = manifest(service).ImageTargets ?? [];
      expect(image?.selector).toBe(`gomall-${service}`);
      expect(image?.BuildDetails).toMatchObject({
        args: [`SERVICE=${service}`],
        target: 'dev',
        context: REPO_ROOT,
      });
      expect(image?.LiveUpdateSpec?.syncs).toEqual(
        expect.arrayContaining([
          { localPath: `services/${service}/dist`, containerPath: `/app/services/${service}/dist` },
          { localPath: 'packages/kit/dist', containerPath: '/app/packages/kit/dist' },
        ]),
      );
      expect(image?.LiveUpdateSpec?.stopPaths).toContain('package-lock.json');
    }
  });

  it('deploys the chart with the dev values and forwards each service port', () => {
    for (const service of SERVICES) {
      const deploy = manifest(service).DeployTarget;
      const deployment = parseObjects(deploy.yaml ?? '').find((o) => o.kind === 'Deployment');
      expect(deployment?.metadata.name).toBe(`gomall-${service}`);
      const spec = JSON.stringify(deployment?.spec);
      expect(spec).toContain(`"image":"gomall-${service}:dev"`);
      expect(spec).toContain('"dapr.io/app-id":"' + service + '"');
      expect(spec).toContain('"readOnlyRootFilesystem":false');
      expect(deploy.portForwardTemplateSpec?.forwards.length).toBe(1);
    }
    expect(manifest('gateway').DeployTarget.yaml).toContain('kind: Ingress');
  });

  it('runs the dev Zipkin every service and sidecar sends its spans to, and links its UI', () => {
    const zipkin = manifest('zipkin');
    expect(zipkin.DeployTarget.yaml).toContain('kind: Deployment');
    expect(JSON.stringify(zipkin)).toMatch(/"Host":"localhost:9411","Path":"\/zipkin\/"/);
    expect(zipkin.DeployTarget.portForwardTemplateSpec?.forwards.length).toBe(1);
    const gateway = manifest('gateway').DeployTarget.yaml ?? '';
    expect(gateway).toContain('http://gomall-zipkin:9411/api/v2/spans');
  });

  it('orders start-up: MariaDB/Redis, Dapr and migrations before the services', () => {
    for (const service of SERVICES) {
      const deps = manifest(service).ResourceDependencies ?? [];
      expect(deps).toEqual(expect.arrayContaining(['dapr', 'dapr-resources', 'redis']));
      if (MIGRATING.includes(service)) expect(deps).toContain(`migrate-${service}`);
      expect(manifest(service).Labels).toEqual({ services: 'services' });
    }
    for (const service of MIGRATING) {
      expect(manifest(`migrate-${service}`).ResourceDependencies).toContain('mariadb');
      expect(manifest(`migrate-${service}`).DeployTarget.yaml).toContain('kind: Job');
    }
    expect(manifest('dapr-resources').ResourceDependencies).toEqual([
      'dapr',
      'secrets-and-policies',
    ]);
    // The release's namespace is one of Tilt's objects, created before anything that lives in it.
    expect(manifest('secrets-and-policies').DeployTarget.yaml).toContain('kind: Namespace');
    for (const infra of ['mariadb', 'redis', 'zipkin'])
      expect(manifest(infra).ResourceDependencies).toContain('secrets-and-policies');
    expect(manifest('dapr-resources').DeployTarget.yaml).toContain('kind: Component');
    expect(manifest('gateway').ResourceDependencies).toContain('ingress-nginx');
  });

  it('installs Dapr, ingress-nginx and the monitoring stack from their upstream charts', () => {
    const install = (name: string) => manifest(name).DeployTarget.UpdateCmdSpec?.args ?? [];
    expect(install('dapr')).toEqual(
      expect.arrayContaining([
        'upgrade',
        '--install',
        '--repo',
        'https://dapr.github.io/helm-charts',
        '1.16.0',
      ]),
    );
    expect(install('ingress-nginx')).toContain('--repo');
    expect(install('monitoring')).toEqual(
      expect.arrayContaining([
        'kube-prometheus-stack',
        'k8s/monitoring/kube-prometheus-stack-values.yaml',
      ]),
    );
    expect(manifest('gomall-monitoring').DeployTarget.yaml).toContain('kind: PodMonitor');
    expect(manifest('gomall-monitoring').DeployTarget.yaml).toContain('grafana_dashboard');
  });

  it('has a resource that runs the tests', () => {
    expect(manifest('tests').DeployTarget.UpdateCmdSpec?.args.join(' ')).toContain('jest');
    expect(manifest('smoke').ResourceDependencies).toEqual(['gateway', 'product', 'web']);
  });
});
