import type { Role } from '../catalog/types.ts';
import { type Evidence, RESOURCE_KINDS, type ResourceKind } from '../detect/types.ts';
import {
  clip,
  type HostAggregate,
  MAX_HOST_NAME,
  MAX_HOSTS,
  MAX_OVERFLOW_SEEN,
  MAX_URL,
  newPage,
  type PageRecord,
  type ProviderTally,
  putHost,
} from './record.ts';

/*
 * The stored form of a page record (storage.session). A tab's record is split into parts, so
 * that a write carries only what changed:
 *
 *   head      everything but the hosts: url, counts, how many hosts
 *   host i    the i-th host the page fetched from, in the order first seen (i < MAX_HOSTS)
 *   overflow  what did not fit in the hosts (absent while empty)
 *
 * The shell (src/background/store.ts) names the keys. Each part is one JSON string of arrays
 * (positions in the types below): Chrome counts a stored string at about its length but an
 * object at ~64 bytes a property and an array at ~32 an element, so a heavy page (150 hosts)
 * costs ~30 KB of the 10 MB `storage.session` quota instead of ~240 KB as plain objects. Every
 * part carries its navigation id (the record's `startedAt`): parts of another page of the same
 * tab, should any be left, are never mixed in. Reading is tolerant: a part that is not of this
 * form is left out, a head that is not gives no record.
 */

/** Version of the stored form; a head of another version gives no record. */
export const STORED_FORMAT = 2;

const ROLE_CODE: Readonly<Record<Role, string>> = { edge: 'e', origin: 'o', service: 's' };
const ROLE_OF: Readonly<Record<string, Role>> = { e: 'edge', o: 'origin', s: 'service' };

type Kinds = Partial<Record<ResourceKind, number>>;
type StoredEvidence = [kind: 'h' | 'n' | 'i', a: string, b: string];
type StoredTally = [
  id: string,
  role: string,
  requests: number,
  /** 0: the same as the host's. */
  kinds: Kinds | 0,
  pops: string[],
  evidence: StoredEvidence[],
  document: 0 | 1,
];
type StoredHost = [
  nav: number,
  name: string,
  requests: number,
  kinds: Kinds,
  statuses: Record<string, number>,
  ips: string[],
  unknown: number,
  tallies: StoredTally[],
];
type StoredHead = [
  format: number,
  nav: number,
  tabId: number,
  url: string,
  host: string,
  updatedAt: number,
  requests: number,
  hostCount: number,
  /** 0: none. */
  documentError: string | 0,
  evidenceChars: number,
  unsaved: 0 | 1,
  /** 0: not arrived yet. */
  documentStatus: number,
];
type StoredOverflow = [nav: number, hosts: number, requests: number, seen: number[], tallies: StoredTally[]];

function sameKinds(a: Kinds, b: Kinds): boolean {
  const ka = Object.keys(a);
  return (
    ka.length === Object.keys(b).length && ka.every((k) => a[k as ResourceKind] === b[k as ResourceKind])
  );
}

function evidenceOut(e: Evidence): StoredEvidence {
  if (e.kind === 'header') return ['h', e.name, e.value];
  if (e.kind === 'host') return ['n', e.host, e.suffix];
  return ['i', e.ip, e.range];
}

function talliesOut(tallies: Record<string, ProviderTally>, hostKinds: Kinds | undefined): StoredTally[] {
  return Object.entries(tallies).map(([id, t]) => [
    id,
    ROLE_CODE[t.role],
    t.requests,
    hostKinds && sameKinds(t.kinds, hostKinds) ? 0 : t.kinds,
    t.pops,
    t.evidence.map(evidenceOut),
    t.document ? 1 : 0,
  ]);
}

/**
 * The head of a record. `hostCount`: how many host parts go with it (by default all the
 * record's; fewer when only the head could be written and older parts stay).
 */
export function encodeHead(page: PageRecord, hostCount = Object.keys(page.hosts).length): string {
  const head: StoredHead = [
    STORED_FORMAT,
    page.startedAt,
    page.tabId,
    page.url,
    page.host,
    page.updatedAt,
    page.requests,
    hostCount,
    page.documentError ?? 0,
    page.evidenceChars ?? 0,
    page.unsaved ? 1 : 0,
    page.documentStatus ?? 0,
  ];
  return JSON.stringify(head);
}

/** One host's part, or undefined when the page has no such host. */
export function encodeHost(page: PageRecord, name: string): string | undefined {
  if (!Object.hasOwn(page.hosts, name)) return undefined;
  const a = page.hosts[name]!;
  const host: StoredHost = [
    page.startedAt,
    name,
    a.requests,
    a.kinds,
    a.statuses,
    a.ips,
    a.unknown,
    talliesOut(a.providers, a.kinds),
  ];
  return JSON.stringify(host);
}

/** The overflow's part, or undefined while it is empty. */
export function encodeOverflow(page: PageRecord): string | undefined {
  const o = page.overflow;
  if (o.requests === 0) return undefined;
  const stored: StoredOverflow = [
    page.startedAt,
    o.hosts,
    o.requests,
    o.seen,
    talliesOut(o.providers, undefined),
  ];
  return JSON.stringify(stored);
}

// --- Reading back.

const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const isStr = (v: unknown): v is string => typeof v === 'string';
const count = (v: unknown): number => (isNum(v) && v >= 0 ? Math.floor(v) : 0);

function parse(part: unknown): unknown[] | undefined {
  if (!isStr(part)) return undefined;
  try {
    const value: unknown = JSON.parse(part);
    return Array.isArray(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

function kindsIn(v: unknown): Kinds {
  const out: Kinds = {};
  if (typeof v !== 'object' || v === null) return out;
  for (const k of RESOURCE_KINDS) {
    const n = (v as Record<string, unknown>)[k];
    if (Object.hasOwn(v, k) && isNum(n) && n > 0) out[k] = Math.floor(n);
  }
  return out;
}

function countsIn(v: unknown): Record<string, number> {
  const out: Record<string, number> = {};
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return out;
  for (const [k, n] of Object.entries(v)) if (/^\d{3}$/.test(k) && isNum(n) && n > 0) out[k] = Math.floor(n);
  return out;
}

function stringsIn(v: unknown, max: number): string[] {
  return Array.isArray(v)
    ? v
        .filter(isStr)
        .slice(0, max)
        .map((s) => clip(s))
    : [];
}

function evidenceIn(v: unknown): Evidence[] {
  if (!Array.isArray(v)) return [];
  const out: Evidence[] = [];
  for (const e of v) {
    if (!Array.isArray(e) || !isStr(e[1]) || !isStr(e[2])) continue;
    if (e[0] === 'h') out.push({ kind: 'header', name: e[1], value: e[2] });
    else if (e[0] === 'n') out.push({ kind: 'host', host: e[1], suffix: e[2] });
    else if (e[0] === 'i') out.push({ kind: 'ip', ip: e[1], range: e[2] });
  }
  return out;
}

function talliesIn(v: unknown, hostKinds: Kinds): Record<string, ProviderTally> {
  const out: Record<string, ProviderTally> = {};
  if (!Array.isArray(v)) return out;
  for (const t of v) {
    if (!Array.isArray(t) || !isStr(t[0]) || !isStr(t[1]) || !Object.hasOwn(ROLE_OF, t[1])) continue;
    const tally: ProviderTally = {
      role: ROLE_OF[t[1]]!,
      requests: count(t[2]),
      kinds: t[3] === 0 ? { ...hostKinds } : kindsIn(t[3]),
      pops: stringsIn(t[4], 8),
      evidence: evidenceIn(t[5]),
    };
    if (t[6] === 1) tally.document = true;
    Object.defineProperty(out, t[0], { value: tally, writable: true, enumerable: true, configurable: true });
  }
  return out;
}

/** How many host parts a stored head says its record has (0 for anything else). */
export function hostCountOf(head: unknown): number {
  const h = parse(head);
  return h && h[0] === STORED_FORMAT ? Math.min(count(h[7]), MAX_HOSTS) : 0;
}

/**
 * A record from its stored parts: the head, the host parts in order (missing ones undefined) and
 * the overflow's. Undefined when the head is not a head of this form. Host parts of another
 * navigation, or not of this form, are left out.
 */
export function decodeRecord(
  head: unknown,
  hosts: readonly unknown[],
  overflow: unknown,
): PageRecord | undefined {
  const h = parse(head);
  if (!h || h[0] !== STORED_FORMAT || !isNum(h[1]) || !isNum(h[2]) || !isStr(h[3]) || !isStr(h[4])) {
    return undefined;
  }
  const nav = h[1];
  const page = newPage(h[2], clip(h[3], MAX_URL), clip(h[4], MAX_HOST_NAME), nav);
  page.updatedAt = isNum(h[5]) ? h[5] : nav;
  page.requests = count(h[6]);
  if (isStr(h[8])) page.documentError = clip(h[8]);
  const chars = count(h[9]);
  if (chars > 0) page.evidenceChars = chars;
  if (h[10] === 1) page.unsaved = true;
  const documentStatus = count(h[11]);
  if (documentStatus >= 100 && documentStatus < 600) page.documentStatus = documentStatus;
  for (const part of hosts.slice(0, Math.min(count(h[7]), MAX_HOSTS))) {
    const a = parse(part);
    if (!a || a[0] !== nav || !isStr(a[1]) || Object.hasOwn(page.hosts, a[1])) continue;
    const kinds = kindsIn(a[3]);
    const agg: HostAggregate = {
      requests: count(a[2]),
      kinds,
      statuses: countsIn(a[4]),
      ips: stringsIn(a[5], 4),
      providers: talliesIn(a[7], kinds),
      unknown: count(a[6]),
    };
    putHost(page, clip(a[1], MAX_HOST_NAME), agg);
  }
  const o = parse(overflow);
  if (o && o[0] === nav) {
    page.overflow.hosts = count(o[1]);
    page.overflow.requests = count(o[2]);
    page.overflow.seen = Array.isArray(o[3]) ? o[3].filter(isNum).slice(0, MAX_OVERFLOW_SEEN) : [];
    page.overflow.providers = talliesIn(o[4], {});
  }
  return page;
}
