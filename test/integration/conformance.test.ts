import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { randomClientIp, registerCustomer } from './support/auth';
import { itEnv } from './support/env';

/**
 * Conformance checked by a tool nobody here wrote: Schemathesis reads the OpenAPI document the
 * gateway serves and fuzzes the running test mall through it (every default check, stateful links
 * included; settings in conformance/schemathesis.toml). It fails on a 5xx, an undocumented status
 * code, a schema-valid request refused or a schema-invalid one accepted, an answer that does not
 * match its schema, and a method the document does not list that is not answered 405 with Allow.
 */
const CONFIG = join(__dirname, 'conformance', 'schemathesis.toml');

function run(command: string, args: string[], env: Record<string, string>) {
  return new Promise<{ code: number | null; output: string }>((resolve, reject) => {
    const child = spawn(command, args, {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output }));
  });
}

describe('the public API against its served OpenAPI document (Schemathesis)', () => {
  it('passes every default check and the stateful phase on the running gateway', async () => {
    const st = process.env.SCHEMATHESIS_BIN;
    if (!st) throw new Error('SCHEMATHESIS_BIN is not set: run the tests with `npm test`');
    const customer = await registerCustomer('Conformance Customer');
    const gateway = itEnv('GATEWAY_URL');
    const { code, output } = await run(
      st,
      [
        '--config-file',
        CONFIG,
        '--no-color',
        'run',
        `${gateway}/api/v1/openapi.json`,
        '--url',
        `${gateway}/api/v1`,
      ],
      {
        GOMALL_CONFORMANCE_EMAIL: customer.email,
        GOMALL_CONFORMANCE_PASSWORD: customer.password,
        // A budget of its own for the per-IP limits (auth paths, anonymous requests).
        GOMALL_CONFORMANCE_CLIENT_IP: randomClientIp(),
      },
    );
    if (code !== 0) throw new Error(`schemathesis exited ${code}:\n${output}`);
    // It did test the API, every phase of it, and found nothing.
    const tested = /Tested: (\d+)/.exec(output);
    expect(Number(tested?.[1])).toBeGreaterThanOrEqual(30);
    expect(output).toMatch(/✅ Stateful/);
    expect(output).not.toMatch(/Failures:/);
  }, 600_000);
});
