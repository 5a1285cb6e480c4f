import { parse as parseDomain } from 'tldts';
import { nameserverMatcher } from '../catalog/index.ts';
import type { Provider } from '../catalog/types.ts';

/**
 * DNS providers of the domains a page needs, from DNS-over-HTTPS JSON answers
 * (fingerprints.md sections 6 and 9). Pure: the shell fetches, these functions decide what to
 * fetch, read the answers and put them into words. Nothing here throws on hostile input.
 */

export type Resolver = 'cloudflare' | 'google';
export type RecordType = 'NS' | 'SOA' | 'A';

/** Resolver order: the first one, then the next when it fails. */
export const RESOLVERS: readonly Resolver[] = ['cloudflare', 'google'];

/** Both resolvers answer JSON for this header (Cloudflare requires it, Google ignores it). */
export const DOH_HEADERS: Readonly<Record<string, string>> = { accept: 'application/dns-json' };

/** How long a DNS finding stays valid in the cache. */
export const DNS_CACHE_TTL_MS = 24 * 60 * 60 * 1000;

/** A DNS name is at most 253 characters in text form (without the trailing dot). */
export const MAX_NAME_LENGTH = 253;

const DOH_BASE: Record<Resolver, string> = {
  cloudflare: 'https://cloudflare-dns.com/dns-query',
  google: 'https://dns.google/resolve',
};

export function dohUrl(resolver: Resolver, name: string, type: RecordType): string {
  const q = new URLSearchParams({ name, type });
  return `${DOH_BASE[resolver]}?${q.toString()}`;
}

export function dohRequest(
  resolver: Resolver,
  name: string,
  type: RecordType,
): { readonly url: string; readonly headers: Readonly<Record<string, string>> } {
  return { url: dohUrl(resolver, name, type), headers: DOH_HEADERS };
}

// ---------------------------------------------------------------------------------------------
// Answers

export interface Soa {
  readonly mname: string;
  readonly rname: string;
}

export type DohFailure = 'nxdomain' | 'servfail' | 'error_status' | 'unparseable' | 'truncated' | 'no_answer';

/** Why a DoH answer says nothing usable. */
export interface DohNoResult {
  readonly ok: false;
  readonly reason: DohFailure;
  readonly status?: number;
}

export type DohResult =
  | {
      readonly ok: true;
      /** DNS RCODE (0 = NOERROR). */
      readonly status: number;
      readonly nameservers: readonly string[];
      readonly soa?: Soa;
      /** The smallest TTL of the NS records, in seconds, as the resolver reported it. */
      readonly nsTtl?: number;
    }
  | DohNoResult;

/** The record a host name's address query starts from: the site's own A, AAAA or CNAME record. */
export type AddressType = 'A' | 'AAAA' | 'CNAME';

export type AddressResult =
  | {
      readonly ok: true;
      readonly status: number;
      readonly type: AddressType;
      /** Its TTL in seconds, as the resolver reported it (a cached answer counts down). */
      readonly ttl: number;
      /** The name a CNAME points to. */
      readonly target?: string;
    }
  | DohNoResult;

/** Any read DoH answer: it answered (`ok`) or why not. */
export type DohOutcome = { readonly ok: true } | DohNoResult;

const TYPE_A = 1;
const TYPE_NS = 2;
const TYPE_CNAME = 5;
const TYPE_SOA = 6;
const TYPE_AAAA = 28;
/** A TTL is an unsigned 32-bit number of seconds (RFC 2181 section 8 caps it at 2^31 - 1). */
const MAX_TTL = 2 ** 31 - 1;
/** Answers are small; a body beyond this is not a DoH answer (and not worth parsing). */
const MAX_BODY = 64 * 1024;
const LABEL = /^[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?$/;

/** Lower-case, no trailing dot; undefined when it is not a plausible host name. */
export function normaliseName(raw: string): string | undefined {
  let name = raw.trim().toLowerCase();
  if (name.endsWith('.')) name = name.slice(0, -1);
  if (name.length === 0 || name.length > MAX_NAME_LENGTH) return undefined;
  const labels = name.split('.');
  return labels.every((l) => LABEL.test(l)) ? name : undefined;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function records(v: unknown): Record<string, unknown>[] {
  return Array.isArray(v) ? v.filter(isRecord) : [];
}

/** SOA data is "mname rname serial refresh retry expire minimum". */
function soaOf(data: unknown): Soa | undefined {
  if (typeof data !== 'string') return undefined;
  const [m, r] = data.trim().split(/\s+/, 2);
  const mname = m === undefined ? undefined : normaliseName(m);
  const rname = r === undefined ? undefined : normaliseName(r);
  return mname && rname ? { mname, rname } : undefined;
}

function ttlOf(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= MAX_TTL ? v : undefined;
}

type Envelope =
  | { readonly ok: true; readonly status: number; readonly json: Record<string, unknown> }
  | DohNoResult;

/** The parts of a DoH JSON answer every reading shares: its size, JSON, RCODE and TC bit. */
function envelope(body: string): Envelope {
  if (typeof body !== 'string' || body.length > MAX_BODY) return { ok: false, reason: 'unparseable' };
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return { ok: false, reason: 'unparseable' };
  }
  if (!isRecord(json)) return { ok: false, reason: 'unparseable' };
  const status = json.Status;
  if (typeof status !== 'number' || !Number.isInteger(status) || status < 0 || status > 65535)
    return { ok: false, reason: 'unparseable' };
  if (json.TC === true) return { ok: false, reason: 'truncated', status };
  if (status === 3) return { ok: false, reason: 'nxdomain', status };
  if (status === 2) return { ok: false, reason: 'servfail', status };
  if (status !== 0) return { ok: false, reason: 'error_status', status };
  return { ok: true, status, json };
}

/** Reads a DoH JSON answer (Cloudflare and Google share the schema). Never throws. */
export function parseDoh(body: string): DohResult {
  const env = envelope(body);
  if (!env.ok) return env;
  const { status, json } = env;
  const answer = records(json.Answer);
  const nameservers: string[] = [];
  let nsTtl: number | undefined;
  for (const r of answer) {
    if (r.type !== TYPE_NS || typeof r.data !== 'string') continue;
    const ns = normaliseName(r.data);
    if (!ns) continue;
    if (!nameservers.includes(ns)) nameservers.push(ns);
    const ttl = ttlOf(r.TTL);
    if (ttl !== undefined) nsTtl = nsTtl === undefined ? ttl : Math.min(nsTtl, ttl);
  }
  let soa: Soa | undefined;
  for (const r of [...answer, ...records(json.Authority)]) {
    if (r.type !== TYPE_SOA) continue;
    soa = soaOf(r.data);
    if (soa) break;
  }
  if (nameservers.length === 0 && !soa) return { ok: false, reason: 'no_answer', status };
  return {
    ok: true,
    status,
    nameservers,
    ...(soa ? { soa } : {}),
    ...(nsTtl !== undefined ? { nsTtl } : {}),
  };
}

const ADDRESS_TYPES: Readonly<Record<number, AddressType>> = {
  [TYPE_A]: 'A',
  [TYPE_AAAA]: 'AAAA',
  [TYPE_CNAME]: 'CNAME',
};

/**
 * Reads the answer to an address (A) query for `host`: the record owned by the host name itself,
 * which is what the site changes to move to another CDN (its CNAME, or its A records), and that
 * record's TTL. The chain behind a CNAME is the CDN's, not the site's. Never throws.
 */
export function parseAddress(body: string, host: string): AddressResult {
  const env = envelope(body);
  if (!env.ok) return env;
  const { status, json } = env;
  const owner = normaliseName(host);
  let found: AddressResult | undefined;
  for (const r of records(json.Answer)) {
    const type = typeof r.type === 'number' ? ADDRESS_TYPES[r.type] : undefined;
    const ttl = ttlOf(r.TTL);
    if (!type || ttl === undefined || typeof r.name !== 'string' || normaliseName(r.name) !== owner) continue;
    if (type === 'CNAME') {
      const target = typeof r.data === 'string' ? normaliseName(r.data) : undefined;
      return target ? { ok: true, status, type, ttl, target } : { ok: true, status, type, ttl };
    }
    // Several A records: the smallest TTL is when the first resolvers ask again.
    if (!found || (found.ok && ttl < found.ttl)) found = { ok: true, status, type, ttl };
  }
  return found ?? { ok: false, reason: 'no_answer', status };
}

// ---------------------------------------------------------------------------------------------
// What to look up

export type SkipReason =
  | 'ip_address'
  | 'localhost'
  | 'reserved_name'
  | 'single_label'
  | 'unknown_tld'
  | 'too_long'
  | 'invalid'
  | 'no_registrable_domain';

export interface LookupTargets {
  /** Registrable domains (punycode), page domain first, deduplicated. */
  readonly domains: readonly string[];
  readonly skipped: readonly { readonly host: string; readonly reason: SkipReason }[];
}

/** Special-use names that no public resolver should be asked about. */
const RESERVED_SUFFIXES = [
  'localhost',
  'local',
  'internal',
  'invalid',
  'onion',
  'arpa',
  'alt',
  'lan',
  'intranet',
];

const IPV4 = /^\d{1,3}(?:\.\d{1,3}){3}$/;

/** Host → ASCII (punycode), lower-case, no port, no trailing dot; or why it cannot be looked up. */
export function asciiHost(host: string): { host: string } | { reason: SkipReason } {
  const raw = host.trim();
  if (raw.length === 0) return { reason: 'invalid' };
  // Bail out before the URL parser on absurd input; punycode only grows a name.
  if (raw.length > 4 * MAX_NAME_LENGTH) return { reason: 'too_long' };
  // A host, not a URL: the parser below would read `user@evil.com` or `a.com/b` as another name.
  if (/[/\\@?#\s%]/.test(raw)) return { reason: 'invalid' };
  // A bare IPv6 address (two colons or more) only parses in brackets.
  const bare6 = !raw.startsWith('[') && raw.indexOf(':') !== raw.lastIndexOf(':');
  let name: string;
  try {
    name = new URL(`http://${bare6 ? `[${raw}]` : raw}`).hostname;
  } catch {
    return { reason: 'invalid' };
  }
  if (name.startsWith('[')) return { reason: 'ip_address' };
  if (name.endsWith('.')) name = name.slice(0, -1);
  if (IPV4.test(name)) return { reason: 'ip_address' };
  if (name.length > MAX_NAME_LENGTH) return { reason: 'too_long' };
  if (name.split('.').some((l) => l.length > 63)) return { reason: 'too_long' };
  if (!normaliseName(name)) return { reason: 'invalid' };
  return { host: name };
}

function skipReason(name: string): SkipReason | undefined {
  if (name === 'localhost' || name.endsWith('.localhost')) return 'localhost';
  if (!name.includes('.')) return 'single_label';
  if (RESERVED_SUFFIXES.some((s) => name === s || name.endsWith(`.${s}`))) return 'reserved_name';
  return undefined;
}

/**
 * The registrable domains whose nameservers tell who runs DNS for the page and the hosts it
 * needs. Skips IP addresses, localhost, special-use and unknown-TLD names (asking a public
 * resolver about `wiki.corp` would leak an intranet name), single labels and over-long names.
 */
export function lookupTargets(pageHost: string, criticalHosts: readonly string[]): LookupTargets {
  const domains: string[] = [];
  const skipped: { host: string; reason: SkipReason }[] = [];
  const seenHosts = new Set<string>();
  for (const host of [pageHost, ...criticalHosts]) {
    if (seenHosts.has(host)) continue;
    seenHosts.add(host);
    const ascii = asciiHost(host);
    if ('reason' in ascii) {
      skipped.push({ host, reason: ascii.reason });
      continue;
    }
    const reason = skipReason(ascii.host);
    if (reason) {
      skipped.push({ host, reason });
      continue;
    }
    const parsed = parseDomain(ascii.host, { extractHostname: false });
    if (parsed.isIp) {
      skipped.push({ host, reason: 'ip_address' });
      continue;
    }
    if (parsed.isIcann !== true) {
      skipped.push({ host, reason: 'unknown_tld' });
      continue;
    }
    if (!parsed.domain) {
      skipped.push({ host, reason: 'no_registrable_domain' });
      continue;
    }
    if (!domains.includes(parsed.domain)) domains.push(parsed.domain);
  }
  return { domains, skipped };
}

// ---------------------------------------------------------------------------------------------
// Who runs the nameservers

/** The catalog provider that runs a nameserver (the catalog's matcher: suffix, then pattern). */
export function dnsProviderOf(nameserver: string, catalog: readonly Provider[]): string | undefined {
  const ns = normaliseName(nameserver);
  return ns ? nameserverMatcher(catalog)(ns)?.id : undefined;
}

export interface DnsProviderShare {
  readonly id?: string;
  readonly name: string;
  readonly nameservers: readonly string[];
}

export interface DnsSummary {
  readonly domain: string;
  /** Where the names came from: the NS records, or only the zone's SOA (primary server). */
  readonly source: 'ns' | 'soa';
  readonly providers: readonly DnsProviderShare[];
  /** Nameservers no catalog provider claims, shown by name. */
  readonly unknown: readonly string[];
  /** Registrable domains of the unknown nameservers (`example-hosting.net`): their likely operators. */
  readonly unknownOperators: readonly string[];
  /** Distinct operators: catalog providers plus the unknown operators. */
  readonly operators: number;
  /** Every nameserver is run by one provider: no secondary DNS. Only known from NS records. */
  readonly singleProvider: boolean;
  /** The NS records' TTL in seconds, when the answer had NS records (not kept from SOA-only). */
  readonly nsTtl?: number;
}

/** The DNS of a host among the summaries: the first whose domain the host is or belongs to. */
export function dnsOfHost<S extends { readonly domain: string }>(
  host: string,
  summaries: readonly S[],
): S | undefined {
  const h = host.toLowerCase();
  return summaries.find((d) => h === d.domain || h.endsWith(`.${d.domain}`));
}

function registrable(name: string): string {
  return parseDomain(name, { extractHostname: false }).domain ?? name;
}

/** The SOA RNAME is a mailbox (`dns.cloudflare.com` = dns@cloudflare.com): match its domain. */
function providerOfRname(rname: string, catalog: readonly Provider[]): Provider | undefined {
  const mailDomain = rname.includes('.') ? rname.slice(rname.indexOf('.') + 1) : rname;
  const domain = registrable(mailDomain);
  if (!domain.includes('.')) return undefined;
  let found: Provider | undefined;
  for (const p of catalog) {
    const owns = (p.nameservers ?? []).some((s) => registrable(s.toLowerCase()) === domain);
    if (owns && (!found || (p.category === 'dns' && found.category !== 'dns'))) found = p;
  }
  return found;
}

export function dnsSummary(
  domain: string,
  nameservers: readonly string[],
  soa: Soa | undefined,
  catalog: readonly Provider[],
): DnsSummary {
  const names: string[] = [];
  for (const raw of nameservers) {
    const n = normaliseName(raw);
    if (n && !names.includes(n)) names.push(n);
  }
  const source: 'ns' | 'soa' = names.length > 0 ? 'ns' : 'soa';
  const byProvider = new Map<string, { p: Provider; ns: string[] }>();
  const unknown: string[] = [];
  const add = (p: Provider, ns: string | undefined) => {
    const entry = byProvider.get(p.id) ?? { p, ns: [] };
    if (ns && !entry.ns.includes(ns)) entry.ns.push(ns);
    byProvider.set(p.id, entry);
  };

  const providerOf = nameserverMatcher(catalog);
  if (source === 'ns') {
    for (const ns of names) {
      const p = providerOf(ns);
      if (p) add(p, ns);
      else unknown.push(ns);
    }
  } else if (soa) {
    const mname = normaliseName(soa.mname);
    const rname = normaliseName(soa.rname);
    const p = (mname && providerOf(mname)) || (rname && providerOfRname(rname, catalog)) || undefined;
    if (p) add(p, mname);
    else if (mname) unknown.push(mname);
  }

  const providers: DnsProviderShare[] = [...byProvider.values()].map(({ p, ns }) => ({
    id: p.id,
    name: p.name,
    nameservers: ns,
  }));
  const unknownOperators = [...new Set(unknown.map(registrable))];
  const operators = providers.length + unknownOperators.length;
  return {
    domain,
    source,
    providers,
    unknown,
    unknownOperators,
    operators,
    singleProvider: source === 'ns' && operators === 1,
  };
}

// ---------------------------------------------------------------------------------------------
// Resolver policy

/** One DoH request and how it ended, as the shell saw it. */
export type DohAttempt<R extends DohOutcome = DohResult> =
  | { readonly resolver: Resolver; readonly kind: 'network' }
  | { readonly resolver: Resolver; readonly kind: 'http_error'; readonly httpStatus: number }
  | { readonly resolver: Resolver; readonly kind: 'answer'; readonly result: R };

/** An answer that another resolver would only repeat: the name exists or it does not. */
function settled(a: DohAttempt<DohOutcome>): boolean {
  if (a.kind !== 'answer') return false;
  const r = a.result;
  return r.ok || r.reason === 'nxdomain' || r.reason === 'no_answer';
}

/** Which resolver to ask next; undefined when the look-up is settled or every resolver failed. */
export function nextResolver(attempts: readonly DohAttempt<DohOutcome>[]): Resolver | undefined {
  if (attempts.some(settled)) return undefined;
  return RESOLVERS.find((r) => !attempts.some((a) => a.resolver === r));
}

export type DnsUnknownReason =
  | 'not_tried'
  | 'unreachable'
  | 'nxdomain'
  | 'servfail'
  | 'http_error'
  | 'unparseable'
  | 'truncated'
  | 'no_answer'
  | 'error_status';

/** What is known about one domain's DNS: who runs it, or why that stays unknown. */
export type DnsFinding =
  | { readonly domain: string; readonly summary: DnsSummary }
  | { readonly domain: string; readonly failure: DnsFailure };

export interface DnsFailure {
  readonly reason: DnsUnknownReason;
  /** i18n key of the "DNS unknown" reason. */
  readonly key: string;
  readonly subs: readonly string[];
}

const FAILURE_KEY: Record<DnsUnknownReason, string> = {
  not_tried: 'resDnsNotTried',
  unreachable: 'resDnsUnreachable',
  nxdomain: 'resDnsNxdomain',
  servfail: 'resDnsServfail',
  http_error: 'resDnsHttpError',
  unparseable: 'resDnsUnparseable',
  truncated: 'resDnsTruncated',
  no_answer: 'resDnsNoAnswer',
  error_status: 'resDnsErrorStatus',
};

function failure(reason: DnsUnknownReason, subs: readonly string[] = []): DnsFailure {
  return { reason, key: FAILURE_KEY[reason], subs };
}

/** Every reason DNS can stay unknown for (to validate a cached or received value). */
export const DNS_UNKNOWN_REASONS = Object.keys(FAILURE_KEY) as readonly DnsUnknownReason[];

/** The "DNS unknown" finding for a reason, with its i18n key (e.g. read back from a cache). */
export function dnsFailure(reason: DnsUnknownReason, subs: readonly string[] = []): DnsFailure {
  return failure(reason, subs);
}

/** Why DNS stays unknown after these attempts; undefined when one of them answered. */
export function summariseFailure(attempts: readonly DohAttempt<DohOutcome>[]): DnsFailure | undefined {
  if (attempts.length === 0) return failure('not_tried');
  const answers = attempts.flatMap((a) => (a.kind === 'answer' ? [a.result] : []));
  if (answers.some((r) => r.ok)) return undefined;
  const reasons = answers.flatMap((r) => (r.ok ? [] : [r]));
  if (reasons.some((r) => r.reason === 'nxdomain')) return failure('nxdomain');
  if (reasons.some((r) => r.reason === 'no_answer')) return failure('no_answer');
  if (attempts.every((a) => a.kind === 'network')) return failure('unreachable');
  // Otherwise the most telling failure, a DNS-level one before a transport one.
  for (const reason of ['servfail', 'error_status', 'truncated', 'unparseable'] as const) {
    const r = reasons.find((x) => x.reason === reason);
    if (r) return failure(reason, reason === 'error_status' ? [String(r.status ?? '')] : []);
  }
  const http = attempts.find((a) => a.kind === 'http_error');
  if (http && http.kind === 'http_error') return failure('http_error', [String(http.httpStatus)]);
  return failure('unreachable');
}

// ---------------------------------------------------------------------------------------------
// Cache policy

/** Only answers are cached: a transport failure is retried on the next page load. */
export function cacheable(attempts: readonly DohAttempt<DohOutcome>[]): boolean {
  return attempts.some(settled);
}

/** A cache entry stored at `storedAt` is still valid at `now` (a clock that went back: not valid). */
export function isFresh(storedAt: number, now: number): boolean {
  return Number.isFinite(storedAt) && storedAt <= now && now - storedAt < DNS_CACHE_TTL_MS;
}

export function cacheKey(domain: string): string {
  return `dns:${domain}`;
}

/** Cache key of a page host's address answer (beside `dns:<domain>`, not under it). */
export function addressKey(host: string): string {
  return `dns-a:${host}`;
}
