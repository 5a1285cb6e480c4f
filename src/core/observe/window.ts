import { getDomain } from 'tldts';
import { BUCKET_MS, WINDOW_MS } from './spans.ts';
import type { Failure, Observation } from './types.ts';

/**
 * The rolling window of what this browser observed, across all tabs: per minute, per (page site,
 * request host, provider chain), how many requests worked and how many failed, and how. Plain
 * JSON (it lives in storage.session) and bounded whatever the browsing does.
 */

// The spans live in a module of their own, so that code reading a window (signal.ts, and through
// it the popup) does not pull in tldts and its public suffix list.
export { BUCKET_MS, WINDOW_MS } from './spans.ts';
/**
 * Upper bound on buckets. One bucket per (minute, page site, host, chain): a heavy page touches
 * 50–100 hosts, so 2,000 buckets hold a few minutes of very busy browsing and far more of normal
 * browsing. Beyond it the oldest buckets go first.
 */
export const MAX_BUCKETS = 2_000;
/** Distinct failure kinds kept per bucket; further kinds are folded into the last one. */
export const MAX_FAILURE_KINDS = 8;
/** Providers kept per chain (edge, origin platform, a service or two). */
const MAX_CHAIN = 4;
/** Hostnames longer than DNS allows are clipped, so one bucket stays small. */
const MAX_NAME = 253;

export interface FailureTally {
  readonly failure: Failure;
  n: number;
  /** Time of the latest such failure. */
  at: number;
}

export interface Bucket {
  /** Start of the minute (epoch ms). */
  readonly minute: number;
  /** Registrable domain of the page the requests belong to ('' when unknown). */
  readonly site: string;
  /**
   * Registrable domain of the request host, private suffixes included (`foo.vercel.app`,
   * `d111.cloudfront.net`): one customer of a provider. The signal counts these.
   */
  readonly hostSite: string;
  readonly host: string;
  /** Providers on the path, edge first. */
  readonly providers: readonly string[];
  /** Requests that got a usable answer. */
  ok: number;
  /** Time of the latest usable answer (0: none). */
  okAt: number;
  failures: FailureTally[];
  /** Time of the latest top-level document request to this host (0: none): a visit's start. */
  docAt: number;
}

export interface ObservationWindow {
  v: 1;
  /** Sorted by `minute`, oldest first. */
  buckets: Bucket[];
}

export function newWindow(): ObservationWindow {
  return { v: 1, buckets: [] };
}

/** The last host asked for and its site: a page's responses ask for the page's host each time. */
let last: { readonly host: string; readonly site: string } | undefined;

/** Registrable domain of a host, private suffixes counted as public; the host itself otherwise. */
export function siteOf(host: string): string {
  if (!host) return '';
  if (last?.host === host) return last.site;
  const site = getDomain(host, { allowPrivateDomains: true }) ?? host;
  last = { host, site };
  return site;
}

function sameFailure(a: Failure, b: Failure): boolean {
  if (a.kind === 'network' && b.kind === 'network') return a.error === b.error;
  if (a.kind === 'http' && b.kind === 'http')
    return a.status === b.status && a.blame === b.blame && a.by === b.by;
  return false;
}

function sameChain(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/** Drops buckets that left the window. Also the place where the cap is enforced. */
export function prune(window: ObservationWindow, now: number): void {
  const oldest = now - WINDOW_MS;
  let drop = 0;
  // A bucket stays while any part of its minute is inside the window.
  while (drop < window.buckets.length && window.buckets[drop]!.minute + BUCKET_MS <= oldest) drop++;
  const over = window.buckets.length - drop - MAX_BUCKETS;
  if (over > 0) drop += over;
  if (drop > 0) window.buckets.splice(0, drop);
}

/**
 * Folds one observation into the window (in place) and returns the bucket it changed.
 * Observations from before the window are ignored (undefined); a time in the future (clock
 * change) counts as `now`.
 */
export function record(window: ObservationWindow, obs: Observation, now: number): Bucket | undefined {
  const raw = obs.time ?? now;
  const time = Number.isFinite(raw) ? Math.min(raw, now) : now;
  if (time < now - WINDOW_MS) {
    prune(window, now);
    return undefined;
  }
  const minute = Math.floor(time / BUCKET_MS) * BUCKET_MS;
  const host = obs.host.toLowerCase().slice(0, MAX_NAME);
  const pageHost = obs.pageHost.toLowerCase().slice(0, MAX_NAME);
  const providers = [...new Set(obs.providerIds)].slice(0, MAX_CHAIN);
  const site = siteOf(pageHost);

  const buckets = window.buckets;
  let bucket: Bucket | undefined;
  // Buckets are sorted by minute: look back through those of this minute and later.
  let insertAt = buckets.length;
  for (let i = buckets.length - 1; i >= 0; i--) {
    const b = buckets[i]!;
    if (b.minute < minute) break;
    if (b.minute > minute) {
      insertAt = i;
      continue;
    }
    if (b.host === host && b.site === site && sameChain(b.providers, providers)) {
      bucket = b;
      break;
    }
  }
  if (!bucket) {
    bucket = {
      minute,
      site,
      hostSite: siteOf(host),
      host,
      providers,
      ok: 0,
      okAt: 0,
      failures: [],
      docAt: 0,
    };
    buckets.splice(insertAt, 0, bucket);
  }

  if (obs.document) bucket.docAt = Math.max(bucket.docAt, time);
  const failure = obs.failure;
  if (!failure) {
    bucket.ok++;
    bucket.okAt = Math.max(bucket.okAt, time);
  } else {
    let tally = bucket.failures.find((t) => sameFailure(t.failure, failure));
    if (!tally) {
      if (bucket.failures.length < MAX_FAILURE_KINDS) {
        tally = { failure: { ...failure }, n: 0, at: 0 };
        bucket.failures.push(tally);
      } else {
        tally = bucket.failures[bucket.failures.length - 1]!;
      }
    }
    tally.n++;
    tally.at = Math.max(tally.at, time);
  }
  prune(window, now);
  return bucket;
}

/** What makes a bucket itself within its minute: its page site, host and provider chain. */
export function bucketKey(b: Pick<Bucket, 'site' | 'host' | 'providers'>): string {
  return `${b.site} ${b.host} ${b.providers.join(',')}`;
}

/** Total failed requests of a bucket. */
export function failedCount(bucket: Bucket): number {
  let n = 0;
  for (const t of bucket.failures) n += t.n;
  return n;
}
