import http from 'node:http';
import { loadavg } from 'node:os';
import autocannon from 'autocannon';
import { cpuSince, cpuSnapshot, type Watched } from './procstat';

/** One row of the report. Latencies in milliseconds (autocannon's are whole milliseconds). */
export interface BenchResult {
  /** Which build of the mall answered: `baseline` or `current`. */
  build?: string;
  name: string;
  connections: number;
  requestsPerSec: number;
  p50Ms: number;
  p99Ms: number;
  requests: number;
  non2xx: number;
  errors: number;
  /** CPU microseconds per answered request, per process of the stack (load generator excluded). */
  cpuPerRequest?: Record<string, number>;
  /** The 1-minute load average when the measured run began (the box is shared). */
  load1?: number;
  /** Free text shown under the table (a consistency check, a hop's added latency). */
  note?: string;
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
  /** The processes whose CPU is read from /proc before and after the measured run. */
  watch?: Watched[];
  /** Counted as answered (for req/s and CPU per request) besides 2xx: a 304 for conditional GETs. */
  expectStatus?: number;
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
  const watch = spec.watch ?? [];
  const load1 = loadavg()[0];
  const before = cpuSnapshot(watch);
  const result = await autocannon({ ...options, duration: spec.durationSec });
  const cpu = cpuSince(before, watch);
  const expected = spec.expectStatus
    ? (result.statusCodeStats?.[`${spec.expectStatus}`]?.count ?? 0)
    : 0;
  const answered = result.requests.total - result.non2xx + expected;
  return {
    name: spec.name,
    connections: spec.connections,
    requestsPerSec: answered / spec.durationSec,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    requests: result.requests.total,
    non2xx: result.non2xx - expected,
    errors: result.errors + result.timeouts,
    cpuPerRequest: perRequest(cpu, answered),
    load1,
  };
}

export function perRequest(cpu: Record<string, number>, requests: number): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [name, micros] of Object.entries(cpu))
    out[name] = requests > 0 ? micros / requests : 0;
  return out;
}

export interface LatencySpec {
  name: string;
  url: string;
  headers?: Record<string, string>;
  /** Requests measured (after as many again, at most 200, as a warm-up). */
  count: number;
  /** Stop early after this long. */
  maxSec: number;
}

/**
 * One connection, one request at a time, timed with hrtime: autocannon's whole-millisecond
 * histogram cannot show what one Dapr hop adds (well under a millisecond when the box is quiet).
 */
export async function singleConnectionLatency(spec: LatencySpec): Promise<BenchResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const once = () =>
    new Promise<number>((resolve, reject) => {
      const request = http.get(spec.url, { agent, headers: spec.headers }, (response) => {
        response.resume();
        response.once('end', () => resolve(response.statusCode ?? 0));
      });
      request.once('error', reject);
    });
  try {
    for (let i = 0; i < Math.min(200, spec.count); i++) await once();
    const times: number[] = [];
    let failures = 0;
    const until = Date.now() + spec.maxSec * 1000;
    const load1 = loadavg()[0];
    const started = performance.now();
    while (times.length + failures < spec.count && Date.now() < until) {
      const t0 = performance.now();
      const status = await once();
      if (status >= 200 && status < 300) times.push(performance.now() - t0);
      else failures++;
    }
    const seconds = (performance.now() - started) / 1000;
    times.sort((a, b) => a - b);
    return {
      name: spec.name,
      connections: 1,
      requestsPerSec: times.length / seconds,
      p50Ms: percentile(times, 50),
      p99Ms: percentile(times, 99),
      requests: times.length + failures,
      non2xx: failures,
      errors: 0,
      load1,
    };
  } finally {
    agent.destroy();
  }
}

export const percentile = (sorted: number[], p: number): number =>
  sorted.length === 0
    ? 0
    : sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

const fixed = (value: number, digits: number) =>
  value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

/**
 * "product 855, product-daprd 711, mariadb 280": the processes that did the work, biggest first
 * (those under 1 % of the total, idle services' timers, are left out of the list, not the total).
 */
function cpuBreakdown(cpu: Record<string, number> | undefined): [string, string] {
  if (!cpu) return ['', ''];
  const entries = Object.entries(cpu).sort((a, b) => b[1] - a[1]);
  const total = entries.reduce((sum, [, v]) => sum + v, 0);
  const shown = entries
    .filter(([, v]) => v >= 5 && v >= total / 100)
    .map(([name, v]) => `${name} ${fixed(v, 0)}`)
    .join(', ');
  return [fixed(total, 0), shown];
}

export function formatTable(results: BenchResult[]): string {
  const withBuild = results.some((r) => r.build);
  const header = [
    ...(withBuild ? ['build'] : []),
    'scenario',
    'load',
    'conns',
    'req/s',
    'p50 ms',
    'p99 ms',
    'requests',
    'failed',
    'CPU µs/req',
    'CPU µs/req by process',
  ];
  const rows = results.map((r) => {
    const [total, shown] = cpuBreakdown(r.cpuPerRequest);
    const oneConnection = r.connections === 1;
    return [
      ...(withBuild ? [r.build ?? ''] : []),
      r.name,
      r.load1 === undefined ? '' : fixed(r.load1, 1),
      String(r.connections),
      fixed(r.requestsPerSec, 0),
      fixed(r.p50Ms, oneConnection ? 2 : 1),
      fixed(r.p99Ms, oneConnection ? 2 : 1),
      String(r.requests),
      String(r.non2xx + r.errors),
      total,
      shown,
    ];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  const notes = results
    .filter((r) => r.note)
    .map((r) => `- ${r.build ? `${r.build}: ` : ''}${r.name}: ${r.note}`);
  return [
    line(header),
    `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`,
    ...rows.map(line),
    ...(notes.length ? ['', ...notes] : []),
  ].join('\n');
}
