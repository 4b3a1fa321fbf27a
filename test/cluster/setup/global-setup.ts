import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { presentServices, usesDatabase } from '@gomall/devstack';
import { CONTEXT_FILE, REPO_ROOT, type ClusterContext } from '../support/cluster';

// One cluster for the whole `cluster` project: `npm run cluster -- up` (builds what is missing,
// cached), then the mall as a production-like Helm release on top of in-cluster MariaDB and Redis.
const CLUSTER = join(REPO_ROOT, 'tools', 'cluster', 'cluster.sh');
const NAMESPACE = 'shop';
const RELEASE = 'shop';

function clusterEnv(): Record<string, string> {
  const text = execFileSync('bash', [CLUSTER, 'env'], { encoding: 'utf8' });
  const env: Record<string, string> = {};
  for (const m of text.matchAll(/^export (\w+)='([^']*)'/gm)) env[m[1]!] = m[2]!;
  return env;
}

export default function globalSetup(): void {
  const started = Date.now();
  const up = spawnSync('bash', [CLUSTER, 'up'], { stdio: ['ignore', 'inherit', 'inherit'] });
  if (up.status === 3) {
    throw new Error(
      'The cluster tests cannot run on this machine (see the message above): they need Linux and root.',
    );
  }
  if (up.status !== 0) throw new Error(`npm run cluster -- up failed (exit ${up.status})`);
  const env = clusterEnv();
  const kubeconfig = env.KUBECONFIG!;
  const kubectl = join(env.PATH!.split(':')[0]!, 'kubectl');
  const helmHome = join(env.GOMALL_CLUSTER_STATE!, 'helm');
  const images = Object.fromEntries(
    env.GOMALL_CLUSTER_INFRA_IMAGES!.split(',').map((pair) => pair.split('=') as [string, string]),
  );
  const toolEnv = {
    ...process.env,
    KUBECONFIG: kubeconfig,
    HELM_CONFIG_HOME: join(helmHome, 'config'),
    HELM_CACHE_HOME: join(helmHome, 'cache'),
    HELM_DATA_HOME: join(helmHome, 'data'),
  };
  const k = (args: string[], input?: string) =>
    execFileSync(kubectl, args, {
      env: toolEnv,
      input,
      encoding: 'utf8',
      stdio: ['pipe', 'pipe', 'inherit'],
    });

  const secret = () => randomBytes(18).toString('base64url');
  const dbPassword = secret();
  // One MariaDB account per service with a schema, privileged on its own schema only.
  const accounts = presentServices(REPO_ROOT)
    .filter((service) => usesDatabase(REPO_ROOT, service))
    .map((service) => ({
      service,
      user: `gomall_${service}`,
      password: secret(),
    }));
  const accountsSql = accounts
    .flatMap(({ service, user, password }) => [
      `CREATE USER '${user}'@'%' IDENTIFIED BY '${password}';`,
      `GRANT ALL PRIVILEGES ON \`gomall\\_${service}\`.* TO '${user}'@'%';`,
    ])
    .join('\n    ');
  const redisPassword = secret();
  const admin = { email: 'admin@shop.gomall.test', password: secret() };
  const chartArgs = [
    join(REPO_ROOT, 'charts', 'gomall'),
    '--namespace',
    NAMESPACE,
    '-f',
    join(REPO_ROOT, 'test', 'cluster', 'values.yaml'),
    '--set',
    `image.tag=${env.GOMALL_CLUSTER_IMAGE_TAG}`,
    '--set',
    `tests.image=${images.tests}`,
  ];
  const context: ClusterContext = {
    kubeconfig,
    kubectl,
    helm: env.HELM_BIN!,
    helmHome,
    nodeIp: env.GOMALL_CLUSTER_NODE_IP!,
    imageRegistry: env.GOMALL_CLUSTER_IMAGE_REGISTRY!,
    imageTag: env.GOMALL_CLUSTER_IMAGE_TAG!,
    namespace: NAMESPACE,
    release: RELEASE,
    ingressHost: 'shop.gomall.test',
    chartArgs,
    adminEmail: admin.email,
    adminPassword: admin.password,
  };
  mkdirSync(dirname(CONTEXT_FILE), { recursive: true });

  const installed = spawnSync(env.HELM_BIN!, ['status', RELEASE, '-n', NAMESPACE, '-o', 'json'], {
    env: toolEnv,
    encoding: 'utf8',
  });
  if (installed.status === 0) {
    const state = (JSON.parse(installed.stdout) as { info: { status: string } }).info.status;
    if (state !== 'deployed') {
      throw new Error(
        `The kept cluster holds release ${RELEASE} in state "${state}": take it down (npm run cluster -- down) and run again.`,
      );
    }
    // A kept cluster (GOMALL_CLUSTER_KEEP=1) already runs the mall: reuse its secrets.
    const get = (name: string, key: string) =>
      Buffer.from(
        k(['-n', NAMESPACE, 'get', 'secret', name, '-o', `jsonpath={.data.${key}}`]),
        'base64',
      ).toString();
    context.adminPassword = get('gomall-admin', 'admin-password');
    writeFileSync(CONTEXT_FILE, JSON.stringify(context, null, 2));
    return;
  }

  console.log('\n==> MariaDB and Redis (Debian packages) in namespace db');
  k(['create', 'namespace', 'db']);
  k(['create', 'namespace', NAMESPACE]);
  k([
    '-n',
    'db',
    'create',
    'secret',
    'generic',
    'db',
    `--from-literal=root-password=${secret()}`,
    `--from-literal=db-password=${dbPassword}`,
    `--from-literal=redis-password=${redisPassword}`,
  ]);
  const infra = readFileSync(join(REPO_ROOT, 'test', 'cluster', 'manifests', 'infra.yaml'), 'utf8')
    .replace('@MARIADB_IMAGE@', images.mariadb!)
    .replace('@REDIS_IMAGE@', images.redis!)
    .replace('@ACCOUNTS_SQL@', accountsSql);
  k(['apply', '-f', '-'], infra);
  k(['-n', 'db', 'rollout', 'status', 'deployment/mariadb', 'deployment/redis', '--timeout=300s']);

  const ns = ['-n', NAMESPACE, 'create', 'secret', 'generic'];
  for (const { service, user, password } of accounts) {
    k([
      ...ns,
      `gomall-db-${service}`,
      `--from-literal=db-user=${user}`,
      `--from-literal=db-password=${password}`,
    ]);
  }
  k([
    ...ns,
    'gomall-redis',
    '--from-literal=redis-host=redis.db:6379',
    `--from-literal=redis-password=${redisPassword}`,
    `--from-literal=redis-url=redis://:${redisPassword}@redis.db:6379`,
  ]);
  k([
    ...ns,
    'gomall-jwt',
    `--from-literal=jwt-keys=${JSON.stringify({ k1: `cluster-test-${secret()}-signing-key` })}`,
  ]);
  k([
    ...ns,
    'gomall-admin',
    `--from-literal=admin-email=${admin.email}`,
    `--from-literal=admin-password=${admin.password}`,
  ]);

  console.log('==> helm install shop charts/gomall (hook-mode migrations, existing Secrets)');
  const install = spawnSync(
    env.HELM_BIN!,
    ['install', RELEASE, ...chartArgs, '--wait', '--timeout', '15m'],
    { env: toolEnv, stdio: ['ignore', 'inherit', 'inherit'] },
  );
  if (install.status !== 0) {
    spawnSync(kubectl, ['get', 'pods', '-A', '-o', 'wide'], { env: toolEnv, stdio: 'inherit' });
    throw new Error('helm install of charts/gomall into the cluster failed');
  }
  installPrometheus(k, images.prometheus!);
  writeFileSync(CONTEXT_FILE, JSON.stringify(context, null, 2));
  console.log(`==> the mall is installed (${Math.round((Date.now() - started) / 1000)}s in all)`);
}

/** Prometheus in namespace monitoring with the plain-Prometheus form of the chart's PodMonitors. */
function installPrometheus(k: (args: string[], input?: string) => string, image: string): void {
  console.log('==> Prometheus (a Go build with Kubernetes discovery) in namespace monitoring');
  k(['create', 'namespace', 'monitoring']);
  const configMap = (name: string, from: string) =>
    k(['-n', 'monitoring', 'create', 'configmap', name, `--from-file=${from}`]);
  configMap(
    'prometheus-config',
    `prometheus.yml=${join(REPO_ROOT, 'k8s', 'monitoring', 'prometheus-kubernetes.yml')}`,
  );
  configMap(
    'prometheus-rules',
    join(REPO_ROOT, 'charts', 'gomall', 'files', 'rules', 'gomall-alerts.yaml'),
  );
  const manifest = readFileSync(
    join(REPO_ROOT, 'test', 'cluster', 'manifests', 'prometheus.yaml'),
    'utf8',
  ).replace('@PROMETHEUS_IMAGE@', image);
  k(['apply', '-f', '-'], manifest);
}
