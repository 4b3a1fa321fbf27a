import autocannon from 'autocannon';

/** One row of the report. Latencies are autocannon's, in milliseconds. */
export interface BenchResult {
  name: string;
  connections: number;
  requestsPerSec: number;
  p50Ms: number;
  p99Ms: number;
  requests: number;
  non2xx: number;
  errors: number;
}

export interface LoadSpec {
  name: string;
  url: string;
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  headers?: Record<string, string>;
  body?: string;
  connections: number;
  durationSec: number;
  /** A different request per call (unique bodies, rotating tokens), instead of one fixed request. */
  requests?: autocannon.Request[];
}

/** Drives one endpoint with autocannon: a warm-up, then the measured run. */
export async function measure(spec: LoadSpec): Promise<BenchResult> {
  const options: autocannon.Options = {
    url: spec.url,
    method: spec.method ?? 'GET',
    headers: spec.headers,
    body: spec.body,
    connections: spec.connections,
    requests: spec.requests,
  };
  await autocannon({ ...options, duration: Math.min(2, spec.durationSec) });
  const result = await autocannon({ ...options, duration: spec.durationSec });
  return {
    name: spec.name,
    connections: spec.connections,
    requestsPerSec: result.requests.average,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    requests: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
  };
}

export function formatTable(results: BenchResult[]): string {
  const header = [
    'scenario',
    'conns',
    'req/s',
    'p50 ms',
    'p99 ms',
    'requests',
    'non-2xx',
    'errors',
  ];
  const rows = results.map((r) => [
    r.name,
    String(r.connections),
    r.requestsPerSec.toFixed(0),
    r.p50Ms.toFixed(1),
    r.p99Ms.toFixed(1),
    String(r.requests),
    String(r.non2xx),
    String(r.errors),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  return [
    line(header),
    `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`,
    ...rows.map(line),
  ].join('\n');
}
