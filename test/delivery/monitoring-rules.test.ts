import { execFile } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { parse } from 'yaml';
import { REPO_ROOT } from './support/tools';

// The alert rules with Debian's promtool: syntax and PromQL (`check rules`) and their behaviour on
// synthetic series (`test rules`, k8s/monitoring/tests). Panel queries run against a live
// Prometheus in test/integration/monitoring.test.ts.
const run = promisify(execFile);
const RULES = join(REPO_ROOT, 'charts', 'gomall', 'files', 'rules', 'gomall-alerts.yaml');
const RULE_TESTS = join(REPO_ROOT, 'k8s', 'monitoring', 'tests');

describe('alert rules', () => {
  it('pass promtool check rules', async () => {
    const { stdout } = await run('promtool', ['check', 'rules', RULES]);
    expect(stdout).toMatch(/SUCCESS: \d+ rules found/);
  });

  it('load with the local Prometheus configuration (promtool check config)', async () => {
    const config = join(REPO_ROOT, 'k8s', 'monitoring', 'prometheus-local.yml');
    const { stdout } = await run('promtool', ['check', 'config', config]);
    expect(stdout).toMatch(/SUCCESS: \d+ rules found/);
  });

  it('cover the alerts the issue asks for', () => {
    const file = parse(readFileSync(RULES, 'utf8')) as { groups: { rules: { alert: string }[] }[] };
    const alerts = file.groups.flatMap((g) => g.rules.map((r) => r.alert));
    expect(alerts).toEqual(
      expect.arrayContaining([
        'GomallHighErrorRatio',
        'GomallHighLatencyP99',
        'GomallSagaCompensations',
        'GomallReservationConflicts',
        'GomallDaprSidecarDown',
        'GomallOutboxBacklog',
        'GomallOutboxDeadLetters',
      ]),
    );
  });

  it.each(readdirSync(RULE_TESTS).filter((f) => f.endsWith('.test.yaml')))(
    'pass promtool test rules %s',
    async (file) => {
      const { stdout } = await run('promtool', ['test', 'rules', join(RULE_TESTS, file)]);
      expect(stdout).toContain('SUCCESS');
    },
  );

  it('fail promtool test rules when an expectation is wrong (the tests can fail)', async () => {
    const broken = join(RULE_TESTS, 'gomall-alerts.test.yaml');
    // Same tests, one expected label changed: promtool must report it.
    const text = readFileSync(broken, 'utf8').replace('service: checkout }', 'service: cart }');
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const dir = mkdtempSync(join(tmpdir(), 'gm-rules-'));
    writeFileSync(
      join(dir, 'broken.test.yaml'),
      text.replace('../../../charts', `${REPO_ROOT}/charts`),
    );
    await expect(run('promtool', ['test', 'rules', join(dir, 'broken.test.yaml')])).rejects.toThrow(
      /FAILED/,
    );
  });
});
