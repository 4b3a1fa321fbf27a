import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const REPO_ROOT = resolve(__dirname, '..', '..', '..');

const ENV_OF: Record<string, string> = {
  'kube-apiserver': 'KUBE_APISERVER_BIN',
  'kube-controller-manager': 'KUBE_CONTROLLER_MANAGER_BIN',
  helm: 'HELM_BIN',
  tilt: 'TILT_BIN',
};

/**
 * The binary of a tool built from the Go module proxy: $<TOOL>_BIN when `npm test` already built
 * it, else scripts/ensure-<tool>.sh builds it now (cached by version, so only the first run waits).
 */
export function toolBin(
  tool: 'kube-apiserver' | 'kube-controller-manager' | 'helm' | 'tilt',
): string {
  const envName = ENV_OF[tool]!;
  const fromEnv = process.env[envName];
  if (fromEnv) return fromEnv;
  const bin = execFileSync('bash', [join(REPO_ROOT, 'scripts', `ensure-${tool}.sh`)], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  }).trim();
  process.env[envName] = bin;
  return bin;
}

/** A fresh temp folder, removed by the returned cleanup unless GOMALL_KEEP_TEST_DATA is set. */
export function tempDir(prefix: string): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return {
    dir,
    cleanup: () => {
      if (process.env.GOMALL_KEEP_TEST_DATA) {
        process.stderr.write(`kept test data in ${dir}\n`);
      } else {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
