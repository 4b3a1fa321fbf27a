import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { waitFor } from '@gomall/devstack';
import type { KubeClient, KubeObject } from './kube-client';

const CRD_PATH = '/apis/apiextensions.k8s.io/v1/customresourcedefinitions';

interface CrdStatus {
  status?: { conditions?: { type: string; status: string }[] };
}

/** Every CustomResourceDefinition in the YAML files (multi-document) directly inside `dirs`. */
export function readCrds(dirs: readonly string[]): KubeObject[] {
  const crds: KubeObject[] = [];
  for (const dir of dirs) {
    const files = readdirSync(dir)
      .filter((name) => /\.ya?ml$/.test(name))
      .sort();
    for (const file of files) {
      for (const doc of parseAllDocuments(readFileSync(join(dir, file), 'utf8'))) {
        const object = doc.toJS() as KubeObject | null;
        if (object?.kind === 'CustomResourceDefinition') crds.push(object);
      }
    }
  }
  return crds;
}

/**
 * Applies the CRDs (server-side apply, so a second call is harmless) and waits until the server
 * reports each one Established, i.e. its resources can be created.
 */
export async function installCrds(
  client: KubeClient,
  crds: readonly KubeObject[],
  timeoutMs = 180_000,
): Promise<string[]> {
  for (const crd of crds) {
    const response = await client.apply(`${CRD_PATH}/${crd.metadata.name}`, crd, 'kube-harness');
    if (response.status !== 200 && response.status !== 201) {
      throw new Error(
        `installing CRD ${crd.metadata.name}: ${response.status} ${JSON.stringify(response.body)}`,
      );
    }
  }
  const names = crds.map((crd) => crd.metadata.name);
  for (const name of names) {
    await waitFor(
      `CRD ${name} Established`,
      async () => {
        const { body } = await client.get<CrdStatus>(`${CRD_PATH}/${name}`);
        return (body.status?.conditions ?? []).some(
          (c) => c.type === 'Established' && c.status === 'True',
        );
      },
      timeoutMs,
    );
  }
  return names;
}
