import { sameQuantity } from './quantity';

/**
 * Where a live object no longer says what the operator wants. Only the fields the operator sets
 * are compared: the API server adds defaults and status, other controllers add their own fields,
 * and none of that is drift. Lists are compared position by position (the operator renders them
 * in a fixed order), and a missing element is drift.
 *
 * Returns the paths that differ, empty when the live object is in line.
 */
export function driftPaths(desired: unknown, live: unknown, path = ''): string[] {
  if (desired === undefined) return [];
  // An empty object or list the server left out (`emptyDir: {}`, `metadata: []`) is not drift.
  if (live === undefined && isEmpty(desired)) return [];
  if (Array.isArray(desired)) {
    if (!Array.isArray(live)) return [path || '/'];
    if (live.length < desired.length) return [path || '/'];
    return desired.flatMap((item, index) => driftPaths(item, live[index], `${path}[${index}]`));
  }
  if (desired !== null && typeof desired === 'object') {
    if (live === null || typeof live !== 'object' || Array.isArray(live)) return [path || '/'];
    const liveFields = live as Record<string, unknown>;
    return Object.entries(desired as Record<string, unknown>).flatMap(([key, value]) =>
      driftPaths(value, liveFields[key], `${path}.${key}`),
    );
  }
  if (desired === live) return [];
  if (typeof desired === 'string' && typeof live === 'string' && sameQuantity(desired, live)) {
    return [];
  }
  return [path || '/'];
}

function isEmpty(value: unknown): boolean {
  if (Array.isArray(value)) return value.length === 0;
  return value !== null && typeof value === 'object' && Object.keys(value).length === 0;
}
