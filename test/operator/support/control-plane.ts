import { join } from 'node:path';
import { crdDir, DAPR_CRDS, startControlPlane, type ControlPlane } from '@gomall/kube-harness';
import { REPO_ROOT, tempDir, toolBin } from '../../delivery/support/tools';

export const MALL_CRDS = join(REPO_ROOT, 'charts', 'gomall-operator', 'crds');

export interface TestPlane {
  plane: ControlPlane;
  dataDir: string;
  stop(): Promise<void>;
}

/**
 * A real etcd + kube-apiserver with Dapr's CRDs (from the Go module cache) and the Mall CRD as the
 * chart ships it. No kubelet, and no controller-manager unless `garbageCollector` asks for its
 * garbage collector: Jobs and Deployments never run, tests write their status the way those
 * controllers would.
 */
export async function startTestPlane(
  prefix: string,
  options: { withDapr: boolean; garbageCollector?: boolean } = { withDapr: true },
): Promise<TestPlane> {
  const temp = tempDir(prefix);
  try {
    const plane = await startControlPlane({
      dataDir: temp.dir,
      kubeApiserverBin: toolBin('kube-apiserver'),
      crdDirs: options.withDapr ? [crdDir(DAPR_CRDS), MALL_CRDS] : [MALL_CRDS],
      ...(options.garbageCollector
        ? {
            controllers: ['garbagecollector'],
            kubeControllerManagerBin: toolBin('kube-controller-manager'),
          }
        : {}),
    });
    return {
      plane,
      dataDir: temp.dir,
      stop: async () => {
        await plane.stop();
        temp.cleanup();
      },
    };
  } catch (error) {
    temp.cleanup();
    throw error;
  }
}
