/**
 * `npm run audit`: checks the cross-service invariants of a live mall and prints what is wrong.
 * It logs in as the admin and asks the gateway's GET /api/v1/admin/audit, which the checkout
 * service answers from every service's facts (through Dapr, never another service's schema).
 * It never fixes anything. Exit code: 0 clean, 1 findings, 2 the audit could not run.
 *
 * Environment: GOMALL_GATEWAY_URL (default http://127.0.0.1:$GOMALL_APP_PORT_BASE or :8080),
 * GOMALL_ADMIN_EMAIL / GOMALL_ADMIN_PASSWORD (default: the local mall's development admin).
 */

interface Finding {
  invariant: string;
  message: string;
  details?: unknown;
}
interface AuditReport {
  ok: boolean;
  checkedAt: string;
  findings: Finding[];
  totals: Record<string, number>;
}

const gateway =
  process.env.GOMALL_GATEWAY_URL ??
  `http://127.0.0.1:${process.env.GOMALL_APP_PORT_BASE ?? '8080'}`;
const email = process.env.GOMALL_ADMIN_EMAIL ?? 'admin@gomall.local';
const password = process.env.GOMALL_ADMIN_PASSWORD ?? 'gomall-admin-dev-only';

async function call<T>(path: string, init: RequestInit): Promise<T> {
  const response = await fetch(`${gateway}/api/v1${path}`, {
    ...init,
    signal: AbortSignal.timeout(15_000),
  });
  const text = await response.text();
  if (!response.ok)
    throw new Error(`${init.method ?? 'GET'} ${path} answered ${response.status}: ${text}`);
  return JSON.parse(text) as T;
}

/** Logs in as the admin and runs the audit; the report as the gateway answered it. */
export async function fetchAuditReport(): Promise<AuditReport> {
  const { accessToken } = await call<{ accessToken: string }>('/auth/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  return call<AuditReport>('/admin/audit', { headers: { authorization: `Bearer ${accessToken}` } });
}

export function formatReport(report: AuditReport): string {
  const lines = [
    `audit of ${gateway} at ${report.checkedAt}: ${report.ok ? 'clean' : `${report.findings.length} finding(s)`}`,
    `checked: ${Object.entries(report.totals)
      .map(([name, value]) => `${name} ${value}`)
      .join(', ')}`,
  ];
  for (const finding of report.findings)
    lines.push(`  ✗ [${finding.invariant}] ${finding.message}`);
  return lines.join('\n');
}

async function main(): Promise<number> {
  let report: AuditReport;
  try {
    report = await fetchAuditReport();
  } catch (error) {
    process.stderr.write(`audit could not run: ${(error as Error).message}\n`);
    return 2;
  }
  process.stdout.write(`${formatReport(report)}\n`);
  if (process.argv.includes('--json')) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  return report.ok ? 0 : 1;
}

if (require.main === module) {
  void main().then((code) => process.exit(code));
}
