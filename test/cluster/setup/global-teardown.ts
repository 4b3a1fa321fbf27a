import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { REPO_ROOT } from '../support/cluster';

// Down at the end: no process, namespace, cgroup or etcd data of the cluster is left behind.
// GOMALL_CLUSTER_KEEP=1 keeps it running for a person to look at (and for a faster next run).
export default function globalTeardown(): void {
  if (process.env.GOMALL_CLUSTER_KEEP === '1') return;
  const down = spawnSync('bash', [join(REPO_ROOT, 'tools', 'cluster', 'cluster.sh'), 'down'], {
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  if (down.status !== 0) throw new Error('npm run cluster -- down failed');
}
