import { itEnv } from './env';

/**
 * Restarts or kills a service of the run's stack through the loopback control server that
 * globalSetup starts (tools/devstack/src/control-server.ts). A restart waits until it is ready.
 */
async function control(path: string, body: unknown = {}): Promise<void> {
  const response = await fetch(`${itEnv('CONTROL_URL')}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (response.status !== 204) {
    throw new Error(`stack control ${path} failed: ${response.status} ${await response.text()}`);
  }
}

export const restartService = (service: string, env: Record<string, string> = {}) =>
  control(`/services/${service}/restart`, { env });

export const killService = (service: string) => control(`/services/${service}/kill`);
