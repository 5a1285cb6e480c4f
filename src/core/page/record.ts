import type { Role } from '../catalog/types.ts';
import type { Detection, Evidence, ResourceKind } from '../detect/types.ts';

/**
 * The per-navigation page record: what one top-level page load fetched, aggregated by host.
 * Plain JSON (it lives in storage.session) and bounded in size whatever the page does.
 */

/** Hosts kept in detail per page; the rest are counted in `overflow`. */
export const MAX_HOSTS = 150;
/** Distinct overflow host names remembered for counting. */
export const MAX_OVERFLOW_NAMES = 500;
const MAX_IPS = 4;
const MAX_POPS = 8;
const MAX_EVIDENCE = 6;

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
  startedAt: number;
  updatedAt: number;
  requests: number;
  hosts: Record<string, HostAggregate>;
  /**
   * The main document never arrived: the network error the browser reported (refused, timed
   * out, DNS, TLS…). The page's observed errors explain it.
   */
  documentError?: string;
  /** What did not fit in `hosts`: counts plus provider tallies, so provider totals stay exact. */
  overflow: {
    hosts: number;
    requests: number;
    names: string[];
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

export function newPage(tabId: number, url: string, host: string, now: number): PageRecord {
  return {
    v: 1,
    tabId,
    url,
    host,
    startedAt: now,
    updatedAt: now,
    requests: 0,
    hosts: {},
    overflow: { hosts: 0, requests: 0, names: [], providers: {} },
  };
}

function pushDistinct<T>(list: T[], item: T, max: number, same: (a: T, b: T) => boolean): void {
  if (list.length >= max) return;
  if (list.some((x) => same(x, item))) return;
  list.push(item);
}

function sameEvidence(a: Evidence, b: Evidence): boolean {
  if (a.kind !== b.kind) return false;
  if (a.kind === 'header' && b.kind === 'header') return a.name === b.name && a.value === b.value;
  if (a.kind === 'host' && b.kind === 'host') return a.host === b.host && a.suffix === b.suffix;
  if (a.kind === 'ip' && b.kind === 'ip') return a.ip === b.ip;
  return false;
}

/** Evidence that differs only in a per-request id (cf-ray, x-amz-cf-id…) is not worth repeating. */
function evidenceKey(e: Evidence): string {
  return e.kind === 'header' ? `h:${e.name}` : e.kind === 'host' ? `n:${e.suffix}` : `i:${e.ip}`;
}

function tally(
  into: Record<string, ProviderTally>,
  d: Detection,
  kind: ResourceKind,
  mainDocument: boolean,
): void {
  let t = into[d.providerId];
  if (!t) {
    t = { role: d.role, requests: 0, kinds: {}, pops: [], evidence: [] };
    into[d.providerId] = t;
  }
  t.requests++;
  t.kinds[kind] = (t.kinds[kind] ?? 0) + 1;
  // A provider seen as the edge anywhere on this host stays the edge.
  if (d.role === 'edge') t.role = 'edge';
  if (mainDocument) t.document = true;
  if (d.pop) pushDistinct(t.pops, d.pop, MAX_POPS, (a, b) => a === b);
  for (const e of d.evidence) {
    if (t.evidence.length >= MAX_EVIDENCE) break;
    const key = evidenceKey(e);
    if (t.evidence.some((x) => evidenceKey(x) === key)) continue;
    pushDistinct(t.evidence, e, MAX_EVIDENCE, sameEvidence);
  }
}

/**
 * Folds one response and its detections into the page record (in place: the record is the
 * worker's working copy; the function touches nothing else).
 */
export function addResponse(
  page: PageRecord,
  response: ObservedResponse,
  detections: readonly Detection[],
  now: number,
): void {
  page.requests++;
  page.updatedAt = now;
  const mainDocument = response.mainDocument === true;
  let agg = page.hosts[response.host];
  if (!agg) {
    if (Object.keys(page.hosts).length >= MAX_HOSTS && !mainDocument) {
      const o = page.overflow;
      o.requests++;
      if (!o.names.includes(response.host)) {
        if (o.names.length < MAX_OVERFLOW_NAMES) o.names.push(response.host);
        o.hosts++;
      }
      for (const d of detections) tally(o.providers, d, response.kind, false);
      return;
    }
    agg = { requests: 0, kinds: {}, statuses: {}, ips: [], providers: {}, unknown: 0 };
    page.hosts[response.host] = agg;
  }
  agg.requests++;
  agg.kinds[response.kind] = (agg.kinds[response.kind] ?? 0) + 1;
  if (response.status > 0) {
    const code = String(response.status);
    agg.statuses[code] = (agg.statuses[code] ?? 0) + 1;
  }
  if (response.ip) pushDistinct(agg.ips, response.ip, MAX_IPS, (a, b) => a === b);
  if (detections.length === 0 && !response.ip && response.ipNotRecorded !== true) agg.unknown++;
  for (const d of detections) tally(agg.providers, d, response.kind, mainDocument);
}
