/**
 * Requests that are not traced: the probes and scrapes of every service's ops port, and each
 * app's readiness check of its own sidecar. They come every few seconds and say nothing about a
 * shopper's request.
 */
export const OPS_PATHS: ReadonlySet<string> = new Set([
  '/healthz',
  '/readyz',
  '/metrics',
  '/v1.0/healthz',
  '/v1.0/healthz/outbound',
]);
