import type { HostMemory } from './hosts.ts';
import type { PageErrors } from './page.ts';
import type { Failure } from './types.ts';
import { type Bucket, bucketKey, type FailureTally, type ObservationWindow } from './window.ts';

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

/*
 * The window is stored by minute, each minute in parts (`observe:window:<minute>:<part>`, see the
 * shell): a part holds the buckets that changed since the minute's previous part was written, so
 * a write carries what changed and a minute that is over no longer changes. Read back, a later
 * part's bucket replaces the same bucket of an earlier one (buckets hold running totals). A
 * part is one JSON string of arrays (Chrome counts a string at about its length, an object at
 * ~64 bytes a property): [site, hostSite, host, providers, ok, okAt, failures as [failure, n, at],
 * docAt] (docAt absent in parts stored before it existed: 0).
 */

type StoredBucket = [
  site: string,
  hostSite: string,
  host: string,
  providers: readonly string[],
  ok: number,
  okAt: number,
  failures: [Failure, number, number][],
  docAt: number,
];

/** The buckets of one minute, as stored. */
export function encodeMinute(buckets: readonly Bucket[]): string {
  const out: StoredBucket[] = buckets.map((b) => [
    b.site,
    b.hostSite,
    b.host,
    b.providers,
    b.ok,
    b.okAt,
    b.failures.map((t) => [t.failure, t.n, t.at]),
    b.docAt,
  ]);
  return JSON.stringify(out);
}

const isStr = (v: unknown): v is string => typeof v === 'string';
const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v >= 0;

function isFailure(v: unknown): v is Failure {
  if (typeof v !== 'object' || v === null) return false;
  const f = v as Failure;
  return (f.kind === 'http' && typeof f.status === 'number') || (f.kind === 'network' && isStr(f.error));
}

/** A stored minute's buckets back (those not of this form left out). */
export function decodeMinute(minute: number, value: unknown): Bucket[] {
  if (!isStr(value)) return [];
  let list: unknown;
  try {
    list = JSON.parse(value);
  } catch {
    return [];
  }
  if (!Array.isArray(list)) return [];
  const out: Bucket[] = [];
  for (const b of list) {
    if (!Array.isArray(b) || !isStr(b[0]) || !isStr(b[1]) || !isStr(b[2]) || !Array.isArray(b[3])) continue;
    if (!isCount(b[4]) || !isCount(b[5]) || !Array.isArray(b[6])) continue;
    const failures: FailureTally[] = [];
    for (const t of b[6]) {
      if (Array.isArray(t) && isFailure(t[0]) && isCount(t[1]) && isCount(t[2]))
        failures.push({ failure: t[0], n: t[1], at: t[2] });
    }
    out.push({
      minute,
      site: b[0],
      hostSite: b[1],
      host: b[2],
      providers: b[3].filter(isStr),
      ok: b[4],
      okAt: b[5],
      failures,
      docAt: isCount(b[7]) ? b[7] : 0,
    });
  }
  return out;
}

/** A minute's buckets from its stored parts, oldest part first: a later part's bucket wins. */
export function mergeParts(parts: readonly (readonly Bucket[])[]): Bucket[] {
  const byKey = new Map<string, Bucket>();
  for (const part of parts) for (const b of part) byKey.set(bucketKey(b), b);
  return [...byKey.values()];
}

/** A stored value that may be the JSON string of `T` (or, from before, `T` itself). */
export function parsedOrSelf(value: unknown): unknown {
  if (!isStr(value)) return value;
  try {
    return JSON.parse(value);
  } catch {
    return undefined;
  }
}
