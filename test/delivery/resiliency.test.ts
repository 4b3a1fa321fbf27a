import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { CHART, helmCli, parseObjects, valuesFile } from './support/helm';
import { REPO_ROOT, tempDir } from './support/tools';

/**
 * Retries must never do work twice. In daprd 1.16 a retry policy on an app target repeats every
 * non-2xx/3xx answer its `matching` allows (an empty `httpStatusCodes` allows all) and every
 * transport error and timeout, whatever `matching` says — and our services answer 503 on
 * purpose. So neither the local resources nor the chart may put a retry policy on service
 * invocation (daprd's built-in retry of calls that never reached the callee stays); only pub/sub
 * (events keep their ids, subscribers dedupe) may be retried.
 */
interface Retry {
  maxRetries?: number;
  matching?: { httpStatusCodes?: string; gRPCStatusCodes?: string };
}
interface ResiliencySpec {
  policies: { timeouts?: Record<string, string>; retries?: Record<string, Retry> };
  targets: {
    apps?: Record<string, { retry?: string; timeout?: string }>;
    actors?: Record<string, { retry?: string }>;
    components?: Record<string, { inbound?: { retry?: string }; outbound?: { retry?: string } }>;
  };
}

/** What a spec lets daprd retry for service invocation, as a list of problems (empty = safe). */
function invocationRetryProblems(spec: ResiliencySpec): string[] {
  const problems: string[] = [];
  const retries = spec.policies.retries ?? {};
  for (const [app, target] of Object.entries(spec.targets.apps ?? {})) {
    if (target.retry) problems.push(`app ${app} is retried by policy ${target.retry}`);
  }
  // Default policies apply to every app that has no target of its own.
  for (const name of ['DefaultAppRetryPolicy', 'DefaultRetryPolicy']) {
    if (retries[name]) problems.push(`${name} would retry every invocation`);
  }
  return problems;
}

/** Retry policies used by anything but pub/sub components. */
function retriesBeyondPubsub(spec: ResiliencySpec): string[] {
  const used = new Set<string>();
  for (const target of Object.values(spec.targets.apps ?? {})) {
    if (target.retry) used.add(target.retry);
  }
  for (const [name, component] of Object.entries(spec.targets.components ?? {})) {
    if (name === 'pubsub') continue;
    for (const retry of [component.inbound?.retry, component.outbound?.retry]) {
      if (retry) used.add(retry);
    }
  }
  return [...used];
}

function checks(spec: ResiliencySpec) {
  expect(invocationRetryProblems(spec)).toEqual([]);
  expect(retriesBeyondPubsub(spec)).toEqual([]);
  // Still a bound on a hung callee, for every app.
  expect(spec.policies.timeouts?.DefaultAppTimeoutPolicy).toMatch(/^\d+(ms|s)$/);
  // No policy retries 5xx answers by status: a 503 of ours is final.
  for (const [name, retry] of Object.entries(spec.policies.retries ?? {})) {
    expect({ name, codes: retry.matching?.httpStatusCodes ?? '' }).not.toEqual({
      name,
      codes: expect.stringMatching(/5\d\d/) as string,
    });
  }
}

describe('Dapr resiliency: no retry that can duplicate work', () => {
  it('the local resources (dapr-components/resources/resiliency.yaml)', () => {
    const doc = parse(
      readFileSync(join(REPO_ROOT, 'dapr-components', 'resources', 'resiliency.yaml'), 'utf8'),
    ) as { spec: ResiliencySpec };
    checks(doc.spec);
  });

  it('the chart, for each CI value set', async () => {
    const temp = tempDir('gm-resiliency-');
    try {
      const helm = helmCli(temp.dir);
      for (const set of ['minimal', 'production']) {
        const objects = parseObjects(
          await helm.ok(['template', 'shop', CHART, '--namespace', 'shop', '-f', valuesFile(set)]),
        );
        const resiliencies = objects.filter((o) => o.kind === 'Resiliency');
        expect(resiliencies).toHaveLength(1);
        checks((resiliencies[0] as unknown as { spec: ResiliencySpec }).spec);
      }
    } finally {
      temp.cleanup();
    }
  });

  it('the checks catch what main used to ship: 502–504 retried on every app', () => {
    const unsafe: ResiliencySpec = {
      policies: {
        timeouts: { DefaultAppTimeoutPolicy: '15s' },
        retries: { r: { maxRetries: 3, matching: { httpStatusCodes: '502-504' } } },
      },
      targets: { apps: { payment: { retry: 'r' } } },
    };
    expect(invocationRetryProblems(unsafe)).toEqual(['app payment is retried by policy r']);
    expect(() => checks(unsafe)).toThrow();
  });
});
