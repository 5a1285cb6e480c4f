import { CATALOG, providerById } from '../core/catalog/index.ts';
import type { Provider } from '../core/catalog/types.ts';
import type { PageView } from '../core/page/view.ts';
import type { AddressType, DnsFinding } from '../core/resilience/dns.ts';
import {
  addressKey,
  cacheKey,
  DNS_UNKNOWN_REASONS,
  type DnsUnknownReason,
  dnsFailure,
  isFresh,
  type SkipReason,
  type Soa,
} from '../core/resilience/dns.ts';
import { type Impact, rankImpact } from '../core/resilience/impact.ts';
import {
  type AddressAnswer,
  addressTarget,
  type DnsLookedUp,
  type DohFetcher,
  type DomainAnswer,
  findingOf,
  lookupAddress,
  lookupDomain,
  pageDnsTargets,
} from '../core/resilience/lookup.ts';
import { dnsConsentOf } from '../core/settings.ts';
import { loadSettings } from './settings.ts';
import type { StorageArea } from './storage.ts';

/**
 * Who runs DNS for a page, and the TTL of the page host's own address record (how fast the site
 * could move to another CDN), looked up over DNS-over-HTTPS when the user opens its popup (never
 * in the background), only when the setting allows it. Answers are kept a day in
 * `storage.local`; transport failures are not kept (the next popup tries again). Never throws.
 */

/** At most this many domains per page: the page's own and the first ones it needs most. */
export const MAX_DNS_DOMAINS = 8;

export interface DnsResult {
  readonly domain: string;
  /** `now`: looked up for this request; `cache`: an answer of the last 24 hours. */
  readonly from: 'now' | 'cache';
  /** Who runs the nameservers, or why DNS stays unknown. */
  readonly finding: DnsFinding;
}

/** The page host's address record, as looked up or read from the cache. */
export interface AddressResult {
  readonly host: string;
  readonly from: 'now' | 'cache';
  readonly answer: AddressAnswer;
}

export interface DnsLookup {
  /** `ask`: the user has not answered the consent question; `off`: they declined. */
  readonly lookedUp: DnsLookedUp;
  /** The names sent to the resolver (or that would be, with consent): page domain first. */
  readonly domains: readonly string[];
  /** One per domain looked up, page domain first. */
  readonly results: readonly DnsResult[];
  /** The page's host name whose address record is asked for (or would be, with consent). */
  readonly addressHost?: string;
  /** The page host's address record, when DNS was looked up and the host can be asked about. */
  readonly address?: AddressResult;
  /** Hosts not looked up and why (IP address, localhost, local names, beyond the limit). */
  readonly skipped: readonly { readonly host: string; readonly reason: SkipReason | 'limit' }[];
}

export interface DnsDeps {
  readonly local: StorageArea;
  readonly fetcher: DohFetcher;
  readonly now?: () => number;
  /** Providers the nameservers are matched against; the whole catalog by default. */
  readonly catalog?: readonly Provider[];
  readonly log?: (message: string, error?: unknown) => void;
  /**
   * Whether the browser lets the look-ups send what they send (Firefox's data consent, which the
   * user can withdraw in the add-ons manager); always by default.
   */
  readonly browserAllows?: () => Promise<boolean>;
}

/** What is kept per domain: the raw answer (read against the catalog of the day when used). */
interface CacheEntry {
  readonly v: 1;
  readonly at: number;
  readonly nameservers?: readonly string[];
  readonly soa?: Soa;
  readonly nsTtl?: number;
  readonly failure?: DnsUnknownReason;
}

/** What is kept per page host: its address record's type and TTL, or why it is unknown. */
interface AddressEntry {
  readonly v: 1;
  readonly at: number;
  readonly type?: AddressType;
  readonly ttl?: number;
  readonly failure?: DnsUnknownReason;
}

function isAddressType(v: unknown): v is AddressType {
  return v === 'A' || v === 'AAAA' || v === 'CNAME';
}
const MAX_TTL = 2 ** 31 - 1;

function isTtl(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= MAX_TTL;
}

const MAX_CACHED_NAMES = 32;

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A stored entry → the answer it holds, or undefined when it is not one of ours. */
function answerOf(value: unknown): { at: number; answer: DomainAnswer } | undefined {
  if (!isRecord(value) || value.v !== 1 || typeof value.at !== 'number') return undefined;
  const { at, nameservers, soa, failure } = value;
  if (typeof failure === 'string') {
    const reason = DNS_UNKNOWN_REASONS.find((r) => r === failure);
    return reason ? { at, answer: { ok: false, failure: dnsFailure(reason) } } : undefined;
  }
  if (!Array.isArray(nameservers) || nameservers.length > MAX_CACHED_NAMES) return undefined;
  if (!nameservers.every((n): n is string => typeof n === 'string')) return undefined;
  const ttl = isTtl(value.nsTtl) ? { nsTtl: value.nsTtl } : {};
  if (soa === undefined)
    return nameservers.length > 0 ? { at, answer: { ok: true, nameservers, ...ttl } } : undefined;
  if (!isRecord(soa) || typeof soa.mname !== 'string' || typeof soa.rname !== 'string') return undefined;
  return { at, answer: { ok: true, nameservers, soa: { mname: soa.mname, rname: soa.rname }, ...ttl } };
}

function entryOf(answer: DomainAnswer, at: number): CacheEntry {
  if (!answer.ok) return { v: 1, at, failure: answer.failure.reason };
  return {
    v: 1,
    at,
    nameservers: [...answer.nameservers],
    ...(answer.soa ? { soa: answer.soa } : {}),
    ...(answer.nsTtl !== undefined ? { nsTtl: answer.nsTtl } : {}),
  };
}

/** A stored address entry → the answer it holds, or undefined when it is not one of ours. */
function addressAnswerOf(value: unknown): { at: number; answer: AddressAnswer } | undefined {
  if (!isRecord(value) || value.v !== 1 || typeof value.at !== 'number') return undefined;
  const { at, type, ttl, failure } = value;
  if (typeof failure === 'string') {
    const reason = DNS_UNKNOWN_REASONS.find((r) => r === failure);
    return reason ? { at, answer: { ok: false, failure: dnsFailure(reason) } } : undefined;
  }
  if (!isAddressType(type) || !isTtl(ttl)) return undefined;
  return { at, answer: { ok: true, type, ttl } };
}

function addressEntryOf(answer: AddressAnswer, at: number): AddressEntry {
  return answer.ok
    ? { v: 1, at, type: answer.type, ttl: answer.ttl }
    : { v: 1, at, failure: answer.failure.reason };
}

function overall(results: readonly DnsResult[]): DnsLookedUp {
  if (results.every((r) => 'failure' in r.finding)) return 'failed';
  return results.some((r) => r.from === 'now') ? 'now' : 'cache';
}

export class DnsLookups {
  private readonly inflight = new Map<string, Promise<DnsResult>>();
  private readonly inflightAddress = new Map<string, Promise<AddressResult>>();
  private pruned = false;
  private readonly now: () => number;
  private readonly catalog: readonly Provider[];
  private readonly log: (message: string, error?: unknown) => void;

  constructor(private readonly deps: DnsDeps) {
    this.now = deps.now ?? Date.now;
    this.catalog = deps.catalog ?? CATALOG;
    this.log = deps.log ?? (() => {});
  }

  /**
   * DNS of the page's registrable domain and of the domains of the hosts carrying its critical
   * and major requests (`lookupTargets(view.host, criticalHosts(view, rankImpact(view)))`).
   */
  async lookupDns(
    view: PageView,
    impacts: readonly Impact[] = rankImpact(view, providerById),
  ): Promise<DnsLookup> {
    try {
      let consent = dnsConsentOf(await loadSettings(this.deps.local));
      // Agreed here but withdrawn in the browser: asked again (agreeing asks the browser too).
      if (consent === 'agreed' && this.deps.browserAllows && !(await this.deps.browserAllows()))
        consent = 'ask';
      const targets = pageDnsTargets(view, providerById, impacts);
      const domains = targets.domains.slice(0, MAX_DNS_DOMAINS);
      const skipped = [
        ...targets.skipped,
        ...targets.domains.slice(MAX_DNS_DOMAINS).map((host) => ({ host, reason: 'limit' as const })),
      ];
      if (domains.length === 0) return { lookedUp: 'skipped', domains, results: [], skipped };
      const host = addressTarget(view);
      const asked = host ? { addressHost: host } : {};
      // Without consent nothing leaves the browser: the popup shows what would be sent.
      if (consent !== 'agreed')
        return { lookedUp: consent === 'ask' ? 'ask' : 'off', domains, ...asked, results: [], skipped };
      const [cached, cachedAddress] = await Promise.all([
        this.fromCache(domains),
        host ? this.addressFromCache(host) : Promise.resolve(undefined),
      ]);
      const [results, address] = await Promise.all([
        Promise.all(domains.map((d) => cached.get(d) ?? this.lookUp(d))),
        host ? (cachedAddress ?? this.lookUpAddress(host)) : Promise.resolve(undefined),
      ]);
      void this.prune();
      return {
        lookedUp: overall(results),
        domains,
        ...asked,
        results,
        skipped,
        ...(address ? { address } : {}),
      };
    } catch (error) {
      this.log('DNS look-up failed', error);
      return { lookedUp: 'failed', domains: [], results: [], skipped: [] };
    }
  }

  private async fromCache(domains: readonly string[]): Promise<Map<string, DnsResult>> {
    const out = new Map<string, DnsResult>();
    let stored: Record<string, unknown> = {};
    try {
      stored = await this.deps.local.get(domains.map(cacheKey));
    } catch (error) {
      this.log('could not read the DNS cache', error);
    }
    const now = this.now();
    for (const domain of domains) {
      const key = cacheKey(domain);
      const entry = answerOf(Object.hasOwn(stored, key) ? stored[key] : undefined);
      if (!entry || !isFresh(entry.at, now)) continue;
      out.set(domain, { domain, from: 'cache', finding: findingOf(domain, entry.answer, this.catalog) });
    }
    return out;
  }

  /** One look-up per domain at a time: a second popup waits for the first one's answer. */
  private lookUp(domain: string): Promise<DnsResult> {
    const running = this.inflight.get(domain);
    if (running) return running;
    const task = (async (): Promise<DnsResult> => {
      const lookup = await lookupDomain(domain, this.deps.fetcher);
      if (lookup.cacheable) {
        try {
          await this.deps.local.set({ [cacheKey(domain)]: entryOf(lookup.answer, this.now()) });
        } catch (error) {
          this.log('could not cache a DNS answer', error);
        }
      }
      return { domain, from: 'now', finding: findingOf(domain, lookup.answer, this.catalog) };
    })().finally(() => this.inflight.delete(domain));
    this.inflight.set(domain, task);
    return task;
  }

  private async addressFromCache(host: string): Promise<AddressResult | undefined> {
    const key = addressKey(host);
    try {
      const stored = await this.deps.local.get(key);
      const entry = addressAnswerOf(Object.hasOwn(stored, key) ? stored[key] : undefined);
      return entry && isFresh(entry.at, this.now())
        ? { host, from: 'cache', answer: entry.answer }
        : undefined;
    } catch (error) {
      this.log('could not read the DNS cache', error);
      return undefined;
    }
  }

  /** One address look-up per host at a time, like the domains'. */
  private lookUpAddress(host: string): Promise<AddressResult> {
    const running = this.inflightAddress.get(host);
    if (running) return running;
    const task = (async (): Promise<AddressResult> => {
      const lookup = await lookupAddress(host, this.deps.fetcher);
      if (lookup.cacheable) {
        try {
          await this.deps.local.set({ [addressKey(host)]: addressEntryOf(lookup.answer, this.now()) });
        } catch (error) {
          this.log('could not cache a DNS answer', error);
        }
      }
      return { host, from: 'now', answer: lookup.answer };
    })().finally(() => this.inflightAddress.delete(host));
    this.inflightAddress.set(host, task);
    return task;
  }

  /** Once per worker life: forget the answers older than a day. */
  private async prune(): Promise<void> {
    if (this.pruned) return;
    this.pruned = true;
    try {
      const all = await this.deps.local.get(null);
      const now = this.now();
      const stale = Object.entries(all)
        .filter(
          ([key, value]) =>
            (key.startsWith(cacheKey('')) && !isFreshEntry(value, now)) ||
            (key.startsWith(addressKey('')) && !isFreshAddress(value, now)),
        )
        .map(([key]) => key);
      if (stale.length > 0) await this.deps.local.remove(stale);
    } catch (error) {
      this.log('could not prune the DNS cache', error);
    }
  }
}

function isFreshAddress(value: unknown, now: number): boolean {
  const entry = addressAnswerOf(value);
  return entry !== undefined && isFresh(entry.at, now);
}

function isFreshEntry(value: unknown, now: number): boolean {
  const entry = answerOf(value);
  return entry !== undefined && isFresh(entry.at, now);
}
