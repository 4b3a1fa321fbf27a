import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { freePort, ManagedProcess, portInUse, waitFor } from '@gomall/devstack';
import { generateCredentials } from './certs';
import { installCrds, readCrds } from './crds';
import { KubeClient } from './kube-client';

export interface ControlPlaneOptions {
  /** Everything the control plane writes (etcd data, certificates, kubeconfig, logs) goes here. */
  dataDir: string;
  /** Folders of CRD YAML files to install; start resolves once each CRD is Established. */
  crdDirs?: string[];
  /** Defaults: $KUBE_APISERVER_BIN (scripts/ensure-kube-apiserver.sh), then `kube-apiserver`. */
  kubeApiserverBin?: string;
  /** Defaults: $ETCD_BIN, then `etcd` on PATH (Debian's etcd-server). */
  etcdBin?: string;
  /**
   * kube-controller-manager controllers to run beside the API server (e.g. `garbagecollector`,
   * so objects owned through ownerReferences are really deleted with their owner). None by default.
   */
  controllers?: string[];
  /** Defaults: $KUBE_CONTROLLER_MANAGER_BIN (scripts/ensure-kube-controller-manager.sh). */
  kubeControllerManagerBin?: string;
  /** Called if etcd or the API server exits without being asked to. */
  onCrash?: (name: string, code: number | null, signal: NodeJS.Signals | null) => void;
}

export interface ControlPlane {
  /** https://127.0.0.1:<port> of the API server. */
  url: string;
  /** A kubeconfig (context `gomall-test`) for helm, tilt or any client-go tool. */
  kubeconfigPath: string;
  /** The bearer token of the `admin` user (group system:masters). */
  token: string;
  caPem: string;
  /** A client already pointed at the server with the admin identity. */
  client: KubeClient;
  /** Names of the CRDs installed from crdDirs. */
  crds: string[];
  stop(): Promise<void>;
}

// Generous: on a loaded 2-core machine (a whole test mall beside it) start-up has taken 90 s.
const STARTUP_TIMEOUT_MS = 300_000;

/**
 * A real Kubernetes control plane on loopback, the way controller-runtime's envtest runs one:
 * etcd plus kube-apiserver, no scheduler or kubelet (objects are stored and validated, nothing
 * runs), and kube-controller-manager only with the controllers asked for. Free ports, a generated CA and serving certificate, a static admin
 * token, and a kubeconfig that trusts only that CA.
 */
export async function startControlPlane(options: ControlPlaneOptions): Promise<ControlPlane> {
  const dataDir = options.dataDir;
  const logs = join(dataDir, 'logs');
  mkdirSync(logs, { recursive: true });
  const processes: ManagedProcess[] = [];
  const onCrash = options.onCrash ?? (() => undefined);
  const stop = async () => {
    // The API server first: it would otherwise spend its grace period retrying a dead etcd.
    for (const proc of [...processes].reverse()) await proc.stop(10_000);
  };

  try {
    const etcdClientPort = await freePort();
    const etcdPeerPort = await freePort();
    const etcd = new ManagedProcess(
      {
        name: 'etcd',
        command: options.etcdBin ?? process.env.ETCD_BIN ?? 'etcd',
        args: [
          '--name=gomall-test',
          `--data-dir=${join(dataDir, 'etcd')}`,
          `--listen-client-urls=http://127.0.0.1:${etcdClientPort}`,
          `--advertise-client-urls=http://127.0.0.1:${etcdClientPort}`,
          `--listen-peer-urls=http://127.0.0.1:${etcdPeerPort}`,
          `--initial-advertise-peer-urls=http://127.0.0.1:${etcdPeerPort}`,
          `--initial-cluster=gomall-test=http://127.0.0.1:${etcdPeerPort}`,
          // A test store: durability on every write only slows a loaded 2-core machine down.
          '--unsafe-no-fsync',
          '--quota-backend-bytes=1073741824',
        ],
        logFile: join(logs, 'etcd.log'),
      },
      onCrash,
    );
    processes.push(etcd);
    etcd.start();
    await waitFor(
      'etcd',
      async () => (await fetch(`http://127.0.0.1:${etcdClientPort}/health`)).ok,
      STARTUP_TIMEOUT_MS,
      () => etcd.running,
    );

    const credentials = generateCredentials(join(dataDir, 'pki'));
    const token = randomBytes(24).toString('hex');
    const tokenFile = join(dataDir, 'pki', 'tokens.csv');
    writeFileSync(tokenFile, `${token},admin,admin-uid,"system:masters"\n`, { mode: 0o600 });
    const port = await freePort();
    const apiserver = new ManagedProcess(
      {
        name: 'kube-apiserver',
        command: options.kubeApiserverBin ?? process.env.KUBE_APISERVER_BIN ?? 'kube-apiserver',
        args: [
          `--etcd-servers=http://127.0.0.1:${etcdClientPort}`,
          `--etcd-prefix=/registry`,
          '--bind-address=127.0.0.1',
          '--advertise-address=127.0.0.1',
          `--secure-port=${port}`,
          `--cert-dir=${join(dataDir, 'pki')}`,
          `--tls-cert-file=${credentials.servingCertPath}`,
          `--tls-private-key-file=${credentials.servingKeyPath}`,
          `--token-auth-file=${tokenFile}`,
          '--authorization-mode=RBAC',
          '--service-cluster-ip-range=10.96.0.0/16',
          '--service-account-issuer=https://kubernetes.default.svc.cluster.local',
          `--service-account-key-file=${credentials.serviceAccountPublicKeyPath}`,
          `--service-account-signing-key-file=${credentials.serviceAccountSigningKeyPath}`,
          '--allow-privileged=true',
          // No controller-manager creates the `default` ServiceAccount of new namespaces, so the
          // ServiceAccount admission plugin would reject every Pod of a fresh namespace.
          '--disable-admission-plugins=ServiceAccount',
          '--enable-priority-and-fairness=false',
          '--profiling=false',
        ],
        logFile: join(logs, 'kube-apiserver.log'),
      },
      onCrash,
    );
    processes.push(apiserver);
    apiserver.start();
    const url = `https://127.0.0.1:${port}`;
    const client = new KubeClient({ url, token, caPem: credentials.caPem });
    await waitFor(
      'kube-apiserver /readyz',
      async () => (await client.get('/readyz')).status === 200,
      STARTUP_TIMEOUT_MS,
      () => apiserver.running,
    );

    const kubeconfigPath = join(dataDir, 'kubeconfig');
    writeFileSync(kubeconfigPath, kubeconfig(url, token, credentials.caPem), { mode: 0o600 });
    const crds = await installCrds(client, readCrds(options.crdDirs ?? []));
    if (options.controllers?.length) {
      const controllerManager = await startControllerManager(
        options,
        kubeconfigPath,
        dataDir,
        logs,
        onCrash,
      );
      processes.push(controllerManager);
    }
    return { url, kubeconfigPath, token, caPem: credentials.caPem, client, crds, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

async function startControllerManager(
  options: ControlPlaneOptions,
  kubeconfigPath: string,
  dataDir: string,
  logs: string,
  onCrash: NonNullable<ControlPlaneOptions['onCrash']>,
): Promise<ManagedProcess> {
  const port = await freePort();
  const manager = new ManagedProcess(
    {
      name: 'kube-controller-manager',
      command:
        options.kubeControllerManagerBin ??
        process.env.KUBE_CONTROLLER_MANAGER_BIN ??
        'kube-controller-manager',
      args: [
        `--kubeconfig=${kubeconfigPath}`,
        `--authentication-kubeconfig=${kubeconfigPath}`,
        `--authorization-kubeconfig=${kubeconfigPath}`,
        `--controllers=${(options.controllers ?? []).join(',')}`,
        '--leader-elect=false',
        '--bind-address=127.0.0.1',
        `--secure-port=${port}`,
        `--cert-dir=${join(dataDir, 'pki', 'controller-manager')}`,
      ],
      logFile: join(logs, 'kube-controller-manager.log'),
    },
    onCrash,
  );
  manager.start();
  // It serves with a self-signed certificate of its own; listening is the sign it has started.
  await waitFor(
    'kube-controller-manager',
    () => portInUse(port),
    STARTUP_TIMEOUT_MS,
    () => manager.running,
  ).catch(async (error: unknown) => {
    await manager.stop();
    throw error;
  });
  return manager;
}

function kubeconfig(url: string, token: string, caPem: string): string {
  return stringify({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [
      {
        name: 'gomall-test',
        cluster: {
          server: url,
          'certificate-authority-data': Buffer.from(caPem).toString('base64'),
        },
      },
    ],
    users: [{ name: 'admin', user: { token } }],
    contexts: [
      {
        name: 'gomall-test',
        context: { cluster: 'gomall-test', user: 'admin', namespace: 'default' },
      },
    ],
    'current-context': 'gomall-test',
  });
}
