import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

/**
 * Third-party CRDs are never copied into the repository: they are read from the Go module cache,
 * where `go mod download` puts the pinned upstream module (verified against go.sum's checksum DB).
 */
export interface CrdSource {
  module: string;
  version: string;
  /** The folder of CRD YAML files inside the module. */
  path: string;
}

/** Dapr's CRDs (Component, Configuration, Resiliency, Subscription, HTTPEndpoint), as daprd's pin. */
export const DAPR_CRDS: CrdSource = {
  module: 'github.com/dapr/dapr',
  version: 'v1.16.0',
  path: 'charts/dapr/crds',
};

/** Prometheus Operator's CRDs (PodMonitor, ServiceMonitor, PrometheusRule, …). */
export const PROMETHEUS_OPERATOR_CRDS: CrdSource = {
  module: 'github.com/prometheus-operator/prometheus-operator',
  version: 'v0.85.0',
  path: 'example/prometheus-operator-crd',
};

/** Downloads the module if needed (`go mod download`) and returns its folder in the module cache. */
export function goModuleDir(module: string, version: string): string {
  const out = execFileSync('go', ['mod', 'download', '-json', `${module}@${version}`], {
    encoding: 'utf8',
    // Outside any module, so a repository go.mod never changes what is resolved.
    cwd: '/',
    env: { ...process.env, GOFLAGS: '-mod=mod' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const info = JSON.parse(out) as { Dir?: string; Error?: string };
  if (!info.Dir) throw new Error(`go mod download ${module}@${version}: ${info.Error ?? 'no Dir'}`);
  return info.Dir;
}

export function crdDir(source: CrdSource): string {
  return join(goModuleDir(source.module, source.version), source.path);
}
