import type { Role } from '../catalog/types.ts';
import type { Detection, Evidence, ResourceKind } from '../detect/types.ts';

/**
 * The per-navigation page record: what one top-level page load fetched, aggregated by host.
 * Plain JSON, and bounded in size whatever the page does: every list has a cap, every string
 * from the network a length, and the evidence of a page a budget (see MAX_* below; the worst case
 * is tested). Its stored form (stored.ts) is smaller still.
 *
 * Host names are the page's data, not ours: `hosts` is only ever read and written through
 * `ownHost`/`putHost`, so that a host named `__proto__` or `constructor` is a host like any other.
 */

/** Hosts kept in detail per page; the rest are counted in `overflow`. */
export const MAX_HOSTS = 150;
/** Overflow hosts remembered (as hashes) to count each once; beyond, the count is a lower bound. */
export const MAX_OVERFLOW_SEEN = 1_000;
/** Providers kept per host: an edge, an origin platform, a service or two. */
export const MAX_PROVIDERS_PER_HOST = 4;
/** Providers kept in the overflow's tallies (every host beyond MAX_HOSTS together). */
export const MAX_OVERFLOW_PROVIDERS = 40;
/** Distinct HTTP status codes counted per host (others only in `requests`). */
export const MAX_STATUS_CODES = 6;
const MAX_IPS = 4;
const MAX_POPS = 8;
const MAX_EVIDENCE = 6;
/** Longest kept text from the network: a header value, a host in evidence, a PoP code… */
export const MAX_TEXT = 100;
/** DNS allows no longer name. */
export const MAX_HOST_NAME = 253;
export const MAX_URL = 2_048;
/**
 * Characters of evidence a page keeps in all. A realistic heavy page (150 hosts) keeps ~12,000;
 * a hostile one (a different long header on every response) stops here and keeps counting.
 */
export const EVIDENCE_BUDGET = 24_000;

export interface ProviderTally {
  role: Role;
  requests: number;
  kinds: Partial<Record<ResourceKind, number>>;
  pops: string[];
  evidence: Evidence[];
  /** True when this provider carried the page's main document. */
  document?: boolean;
}

export interface HostAggregate {
  requests: number;
  kinds: Partial<Record<ResourceKind, number>>;
  /** HTTP status code → count. */
  statuses: Record<string, number>;
  ips: string[];
  providers: Record<string, ProviderTally>;
  /**
   * Responses with nothing to attribute them to: no provider evidence and no server IP (answered
   * by the page's service worker or the memory cache). "Unknown", not "no provider".
   */
  unknown: number;
}

export interface PageRecord {
  v: 1;
  tabId: number;
  /** URL of the top-level document. */
  url: string;
  host: string;
  /** When the navigation started: also the record's identity (navigation id) for its tab. */
  startedAt: number;
  updatedAt: number;
  requests: number;
  /** Read and written through `ownHost`/`putHost` only. */
  hosts: Record<string, HostAggregate>;
  /**
   * The main document never arrived: the network error the browser reported (refused, timed
   * out, DNS, TLS…). The page's observed errors explain it.
   */
  documentError?: string;
  /** Characters of evidence kept so far (see EVIDENCE_BUDGET). */
  evidenceChars?: number;
  /**
   * The browser refused to store this page's latest responses (storage full): what a restarted
   * worker brought back is an earlier state of it. Set by the shell.
   */
  unsaved?: true;
  /** HTTP status of the main document's response (the latest, after redirects), once it arrived. */
  documentStatus?: number;
  /** What did not fit in `hosts`: counts plus provider tallies, so provider totals stay exact. */
  overflow: {
    /** Distinct hosts counted (a lower bound once `seen` is full). */
    hosts: number;
    requests: number;
    /** Hashes of the hosts counted (see hostHash), to count each once. */
    seen: number[];
    providers: Record<string, ProviderTally>;
  };
}

/** One observed response, already normalised by the shell (webRequest) or the HAR reader. */
export interface ObservedResponse {
  url: string;
  host: string;
  kind: ResourceKind;
  status: number;
  ip?: string | undefined;
  /** The response of the page's main document. */
  mainDocument?: boolean;
  /**
   * The source recorded no server address for this response without saying it came from a cache
   * (a HAR tool that writes no IPs): its missing IP says nothing about a cache or service worker.
   */
  ipNotRecorded?: boolean;
}

/** The host's aggregate, if the page has one under that name (its own property, never inherited). */
export function ownHost(page: PageRecord, host: string): HostAggregate | undefined {
  return Object.hasOwn(page.hosts, host) ? page.hosts[host] : undefined;
}

/** Stores a host's aggregate as an own property, whatever the name (`__proto__` included). */
export function putHost(page: PageRecord, host: string, agg: HostAggregate): void {
  Object.defineProperty(page.hosts, host, {
    value: agg,
    writable: true,
    enumerable: true,
    configurable: true,
  });
}

export const clip = (text: string, max: number = MAX_TEXT): string =>
  text.length > max ? `${text.slice(0, max - 1)}…` : text;

export function newPage(tabId: number, url: string, host: string, now: number): PageRecord {
  return {
    v: 1,
    tabId,
    url: clip(url, MAX_URL),
    host: clip(host, MAX_HOST_NAME),
    startedAt: now,
    updatedAt: now,
    requests: 0,
    hosts: {},
    overflow: { hosts: 0, requests: 0, seen: [], providers: {} },
  };
}

/** 32-bit FNV-1a of a host name: the overflow's memory of which hosts it counted. */
export function hostHash(host: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < host.length; i++) {
    h ^= host.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

function pushDistinct<T>(list: T[], item: T, max: number, same: (a: T, b: T) => boolean): void {
  if (list.length >= max) return;
  if (list.some((x) => same(x, item))) return;
  list.push(item);
}

/** Evidence that differs only in a per-request id (cf-ray, x-amz-cf-id…) is not worth repeating. */
function evidenceKey(e: Evidence): string {
  return e.kind === 'header' ? `h:${e.name}` : e.kind === 'host' ? `n:${e.suffix}` : `i:${e.ip}`;
}

/** The evidence as kept: every string clipped. */
function clipped(e: Evidence): Evidence {
  if (e.kind === 'header') return { kind: 'header', name: clip(e.name), value: clip(e.value) };
  if (e.kind === 'host') return { kind: 'host', host: clip(e.host), suffix: clip(e.suffix) };
  return { kind: 'ip', ip: clip(e.ip), range: clip(e.range) };
}

export function evidenceChars(e: Evidence): number {
  return e.kind === 'header'
    ? e.name.length + e.value.length
    : e.kind === 'host'
      ? e.host.length + e.suffix.length
      : e.ip.length + e.range.length;
}

function tally(
  page: PageRecord,
  into: Record<string, ProviderTally>,
  d: Detection,
  kind: ResourceKind,
  mainDocument: boolean,
  maxProviders: number,
): void {
  let t = Object.hasOwn(into, d.providerId) ? into[d.providerId] : undefined;
  if (!t) {
    if (Object.keys(into).length >= maxProviders) return;
    t = { role: d.role, requests: 0, kinds: {}, pops: [], evidence: [] };
    Object.defineProperty(into, d.providerId, {
      value: t,
      writable: true,
      enumerable: true,
      configurable: true,
    });
  }
  t.requests++;
  t.kinds[kind] = (t.kinds[kind] ?? 0) + 1;
  // A provider seen as the edge anywhere on this host stays the edge.
  if (d.role === 'edge') t.role = 'edge';
  if (mainDocument) t.document = true;
  if (d.pop) pushDistinct(t.pops, clip(d.pop, 16), MAX_POPS, (a, b) => a === b);
  for (const e of d.evidence) {
    if (t.evidence.length >= MAX_EVIDENCE) break;
    const key = evidenceKey(e);
    if (t.evidence.some((x) => evidenceKey(x) === key)) continue;
    const kept = clipped(e);
    const chars = evidenceChars(kept);
    if ((page.evidenceChars ?? 0) + chars > EVIDENCE_BUDGET) break;
    t.evidence.push(kept);
    page.evidenceChars = (page.evidenceChars ?? 0) + chars;
  }
}

function newAggregate(): HostAggregate {
  return { requests: 0, kinds: {}, statuses: {}, ips: [], providers: {}, unknown: 0 };
}

/**
 * Folds one response and its detections into the page record (in place: the record is the
 * worker's working copy; the function touches nothing else). Returns where it went: the host's
 * aggregate (`'host'`) or the overflow.
 */
export function addResponse(
  page: PageRecord,
  response: ObservedResponse,
  detections: readonly Detection[],
  now: number,
): 'host' | 'overflow' {
  page.requests++;
  page.updatedAt = now;
  const mainDocument = response.mainDocument === true;
  if (mainDocument && response.status > 0) page.documentStatus = response.status;
  const host = clip(response.host, MAX_HOST_NAME);
  let agg = ownHost(page, host);
  if (!agg) {
    if (Object.keys(page.hosts).length >= MAX_HOSTS && !mainDocument) {
      const o = page.overflow;
      o.requests++;
      const hash = hostHash(host);
      if (!o.seen.includes(hash)) {
        // Each host counted once; once the memory is full, new hosts are no longer counted.
        if (o.seen.length < MAX_OVERFLOW_SEEN) {
          o.seen.push(hash);
          o.hosts++;
        }
      }
      for (const d of detections) tally(page, o.providers, d, response.kind, false, MAX_OVERFLOW_PROVIDERS);
      return 'overflow';
    }
    agg = newAggregate();
    putHost(page, host, agg);
  }
  agg.requests++;
  agg.kinds[response.kind] = (agg.kinds[response.kind] ?? 0) + 1;
  if (response.status > 0) {
    const code = String(response.status);
    if (Object.hasOwn(agg.statuses, code)) agg.statuses[code]!++;
    else if (Object.keys(agg.statuses).length < MAX_STATUS_CODES) agg.statuses[code] = 1;
  }
  if (response.ip) pushDistinct(agg.ips, clip(response.ip, 45), MAX_IPS, (a, b) => a === b);
  if (detections.length === 0 && !response.ip && response.ipNotRecorded !== true) agg.unknown++;
  for (const d of detections)
    tally(page, agg.providers, d, response.kind, mainDocument, MAX_PROVIDERS_PER_HOST);
  return 'host';
}
