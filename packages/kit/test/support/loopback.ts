import type Router from '@koa/router';
import pino from 'pino';
import {
  createServiceApp,
  startService,
  type ServiceAppOptions,
  type StartOptions,
} from '../../src';

/** The app token the kit's test services require (sent by the tests as daprd would). */
export const APP_TOKEN = 'kit-test-app-token-0123456789';

/** What a test may set; `graceMs` is short by default (tests stop at once). */
export type LoopbackOptions = Pick<ServiceAppOptions, 'readiness'> &
  Partial<Pick<StartOptions, 'graceMs' | 'closers'>>;

/** A kit service over real loopback HTTP servers, on free ports (no Dapr needed for the kit). */
export async function startOnLoopback(routers: Router[], options: LoopbackOptions = {}) {
  const logger = pino({ level: 'silent' });
  const service = createServiceApp({
    service: 'kit-test',
    logger,
    routers,
    readiness: options.readiness ?? {},
    appToken: APP_TOKEN,
  });
  const running = await startService({
    service,
    port: 0,
    opsPort: 0,
    host: '127.0.0.1',
    logger,
    graceMs: options.graceMs ?? 100,
    handleSignals: false,
    closers: options.closers,
  });
  return { service, running };
}
