import { freePort } from './ports';
import type { PortPlan } from './services';

/** Every port of a test stack picked free (see freePort), so runs never collide with each other. */
export async function freePortPlan(services: readonly string[]): Promise<PortPlan> {
  const plan: PortPlan = {
    db: await freePort(),
    redis: await freePort(),
    zipkin: await freePort(),
    smtp: await freePort(),
    mailView: await freePort(),
    services: {},
  };
  for (const name of services) {
    plan.services[name] = {
      app: await freePort(),
      ops: await freePort(),
      daprHttp: await freePort(),
      daprGrpc: await freePort(),
      daprInternalGrpc: await freePort(),
      daprMetrics: await freePort(),
    };
  }
  return plan;
}
