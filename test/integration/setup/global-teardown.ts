import { rmSync } from 'node:fs';
import type { Stack } from '@gomall/devstack';

export default async function globalTeardown(): Promise<void> {
  const stack = (globalThis as { __gomallStack?: Stack }).__gomallStack;
  if (!stack) return;
  await (globalThis as { __gomallControl?: { close(): Promise<void> } }).__gomallControl?.close();
  await stack.stop();
  // Keep the logs of a failed run for a look (GOMALL_KEEP_TEST_DATA=1 keeps them always).
  if (process.env.GOMALL_KEEP_TEST_DATA !== '1') {
    rmSync(stack.options.dataDir, { recursive: true, force: true });
  } else {
    process.stderr.write(`[stack] test data kept in ${stack.options.dataDir}\n`);
  }
}
