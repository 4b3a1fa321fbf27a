import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import type { KubeObject } from '@gomall/kube-harness';
import { REPO_ROOT, toolBin } from './tools';

export const CHART = join(REPO_ROOT, 'charts', 'gomall');
export const valuesFile = (name: string) => join(CHART, 'ci', `${name}-values.yaml`);

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface Helm {
  (args: string[]): Promise<RunResult>;
  /** Like calling it, but throws with helm's stderr unless it exits 0. */
  ok(args: string[]): Promise<string>;
}

/**
 * The Helm CLI (built from the Go module proxy) with its own config/cache/data folders under
 * `home`, so tests never read or write a developer's Helm setup, and an optional kubeconfig.
 */
export function helmCli(home: string, kubeconfig?: string): Helm {
  const bin = toolBin('helm');
  mkdirSync(home, { recursive: true });
  const env = {
    ...process.env,
    HELM_CONFIG_HOME: join(home, 'config'),
    HELM_CACHE_HOME: join(home, 'cache'),
    HELM_DATA_HOME: join(home, 'data'),
    KUBECONFIG: kubeconfig ?? join(home, 'no-cluster'),
  };
  const run = (args: string[]) =>
    new Promise<RunResult>((resolve, reject) => {
      const child = spawn(bin, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      child.once('error', reject);
      child.once('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
    });
  const helm = run as Helm;
  helm.ok = async (args) => {
    const result = await run(args);
    if (result.code !== 0) {
      throw new Error(`helm ${args.join(' ')} exited ${result.code}:\n${result.stderr}`);
    }
    return result.stdout;
  };
  return helm;
}

/** The objects of a multi-document YAML stream (empty documents left out). */
export function parseObjects(text: string): KubeObject[] {
  return parseAllDocuments(text)
    .map((doc) => doc.toJS() as KubeObject | null)
    .filter((object): object is KubeObject => object !== null && typeof object === 'object');
}

export const byKind = (objects: KubeObject[], kind: string) =>
  objects.filter((object) => object.kind === kind);

export function named(objects: KubeObject[], kind: string, name: string): KubeObject {
  const found = objects.find((o) => o.kind === kind && o.metadata.name === name);
  if (!found) throw new Error(`no ${kind} ${name} among ${objects.length} objects`);
  return found;
}
