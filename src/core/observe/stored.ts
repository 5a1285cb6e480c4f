import type { HostMemory } from './hosts.ts';
import type { PageErrors } from './page.ts';
import type { ObservationWindow } from './window.ts';

/*
 * The observer's state as it comes back from storage.session after a worker restart: checked
 * before use, so a value of another version (or garbage) starts that part afresh instead of
 * crashing the worker.
 */

export function isWindow(value: unknown): value is ObservationWindow {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as ObservationWindow).v === 1 &&
    Array.isArray((value as ObservationWindow).buckets)
  );
}

export function isHostMemory(value: unknown): value is HostMemory {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as HostMemory;
  return (
    v.v === 1 &&
    typeof v.hosts === 'object' &&
    v.hosts !== null &&
    typeof v.ips === 'object' &&
    v.ips !== null
  );
}

/** Each tab's page errors, keyed by tab id. */
export function isPagesErrors(value: unknown): value is Record<string, PageErrors> {
  if (typeof value !== 'object' || value === null) return false;
  return Object.values(value).every(
    (p) => typeof p === 'object' && p !== null && typeof p.page === 'number' && Array.isArray(p.errors),
  );
}
