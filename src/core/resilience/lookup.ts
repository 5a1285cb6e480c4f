import { readCapped } from '../body.ts';
import { CATALOG, providerById } from '../catalog/index.ts';
import type { Provider } from '../catalog/types.ts';
import type { PageView } from '../page/view.ts';
import {
  type AddressResult,
  type AddressType,
  asciiHost,
  type DnsFailure,
  type DnsFinding,
  type DohAttempt,
  type DohNoResult,
  type DohOutcome,
  dnsSummary,
  dohRequest,
  cacheable as isCacheable,
  type LookupTargets,
  lookupTargets,
  nextResolver,
  parseAddress,
  parseDoh,
  type RecordType,
  type Resolver,
  type Soa,
  summariseFailure,
} from './dns.ts';
import { criticalHosts, type Impact, rankImpact } from './impact.ts';

/**
 * The DNS look-up of one domain, driven through an injected fetcher: NS at the first resolver,
 * the next resolver when it fails, and an SOA query when the name answers without NS or SOA.
 * The extension's worker and the HAR analyzer share it; tests drive it with a fake fetch. It
 * does no I/O of its own and never throws.
 */

/** Each DoH request gives up after this long. */
export const DOH_TIMEOUT_MS = 5000;
/** A DoH answer is a few hundred bytes; a body beyond this is dropped unread. */
export const DOH_MAX_BYTES = 64 * 1024;

/** What one DoH request came back with, as the fetcher saw it. */
export type DohReply =
  | { readonly kind: 'network'; readonly detail?: string }
  | { readonly kind: 'too_large' }
  | { readonly kind: 'http'; readonly status: number; readonly body: string };

export type DohFetcher = (url: string, headers: Readonly<Record<string, string>>) => Promise<DohReply>;

/** The slice of WHATWG `fetch` the fetcher needs (the worker's and Node's both fit). */
export type FetchLike = (url: string, init: RequestInit) => Promise<Response>;

export interface DohFetchOptions {
  readonly timeoutMs?: number;
  readonly maxBytes?: number;
}

/**
 * A DoH fetcher over a `fetch`: no cookies, no redirects, a timeout covering the whole exchange
 * (headers and body), and a body size cap read from the stream. Never throws.
 */
export function dohFetcher(fetchImpl: FetchLike, options: DohFetchOptions = {}): DohFetcher {
  const timeoutMs = options.timeoutMs ?? DOH_TIMEOUT_MS;
  const maxBytes = options.maxBytes ?? DOH_MAX_BYTES;
  return async (url, headers) => {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), timeoutMs);
    try {
      const response = await fetchImpl(url, {
        headers: { ...headers },
        signal: controller.signal,
        credentials: 'omit',
        redirect: 'error',
      });
      if (!response.ok) {
        await response.body?.cancel().catch(() => {});
        return { kind: 'http', status: response.status, body: '' };
      }
      const declared = Number(response.headers.get('content-length') ?? '0');
      if (declared > maxBytes) {
        await response.body?.cancel().catch(() => {});
        return { kind: 'too_large' };
      }
      const body = await readCapped(response, maxBytes);
      if (body === undefined) return { kind: 'too_large' };
      return { kind: 'http', status: response.status, body: new TextDecoder().decode(body) };
    } catch (error) {
      if (controller.signal.aborted) return { kind: 'network', detail: `no answer within ${timeoutMs} ms` };
      return { kind: 'network', detail: error instanceof Error ? error.message : String(error) };
    } finally {
      clearTimeout(timer);
    }
  };
}

// ---------------------------------------------------------------------------------------------

/** What the resolvers said about one domain, before the catalog reads the names. */
export type DomainAnswer =
  | {
      readonly ok: true;
      readonly nameservers: readonly string[];
      readonly soa?: Soa;
      /** The NS records' TTL in seconds (the smallest), when the answer had NS records. */
      readonly nsTtl?: number;
    }
  | { readonly ok: false; readonly failure: DnsFailure };

export interface DomainLookup {
  readonly domain: string;
  readonly answer: DomainAnswer;
  readonly attempts: readonly DohAttempt[];
  /** The answer is worth keeping for a day (an answer, not a transport failure). */
  readonly cacheable: boolean;
}

const UNPARSEABLE: DohNoResult = { ok: false, reason: 'unparseable' };

/** One question to one resolver; `read` turns a body into the answer (its own kind, or why not). */
async function ask<R extends DohOutcome>(
  fetcher: DohFetcher,
  resolver: Resolver,
  name: string,
  type: RecordType,
  read: (body: string) => R,
): Promise<DohAttempt<R | DohNoResult>> {
  const { url, headers } = dohRequest(resolver, name, type);
  let reply: DohReply;
  try {
    reply = await fetcher(url, headers);
  } catch {
    reply = { kind: 'network' };
  }
  if (reply.kind === 'network') return { resolver, kind: 'network' };
  if (reply.kind === 'too_large') return { resolver, kind: 'answer', result: UNPARSEABLE };
  if (reply.status < 200 || reply.status > 299)
    return { resolver, kind: 'http_error', httpStatus: reply.status };
  return { resolver, kind: 'answer', result: read(reply.body) };
}

async function askResolvers<R extends DohOutcome>(
  fetcher: DohFetcher,
  name: string,
  type: RecordType,
  read: (body: string) => R,
): Promise<DohAttempt<R | DohNoResult>[]> {
  const attempts: DohAttempt<R | DohNoResult>[] = [];
  for (let r = nextResolver(attempts); r; r = nextResolver(attempts))
    attempts.push(await ask(fetcher, r, name, type, read));
  return attempts;
}

function answered(attempts: readonly DohAttempt[]): DomainAnswer | undefined {
  for (const a of attempts) {
    if (a.kind !== 'answer' || !a.result.ok) continue;
    const { nameservers, soa, nsTtl } = a.result;
    return {
      ok: true,
      nameservers,
      ...(soa ? { soa } : {}),
      ...(nsTtl !== undefined ? { nsTtl } : {}),
    };
  }
  return undefined;
}

/** NS of a registrable domain; SOA when the NS answer names neither nameservers nor a zone. */
export async function lookupDomain(domain: string, fetcher: DohFetcher): Promise<DomainLookup> {
  let attempts = await askResolvers(fetcher, domain, 'NS', parseDoh);
  let answer = answered(attempts);
  if (!answer && summariseFailure(attempts)?.reason === 'no_answer') {
    attempts = [...attempts, ...(await askResolvers(fetcher, domain, 'SOA', parseDoh))];
    answer = answered(attempts);
  }
  const failure = answer ? undefined : summariseFailure(attempts);
  return {
    domain,
    answer: answer ?? { ok: false, failure: failure ?? summariseFailure([])! },
    attempts,
    cacheable: isCacheable(attempts),
  };
}

/** The answer read against the catalog: who runs the nameservers, or why DNS stays unknown. */
export function findingOf(domain: string, answer: DomainAnswer, catalog: readonly Provider[]): DnsFinding {
  if (!answer.ok) return { domain, failure: answer.failure };
  const summary = dnsSummary(domain, answer.nameservers, answer.soa, catalog);
  return { domain, summary: answer.nsTtl === undefined ? summary : { ...summary, nsTtl: answer.nsTtl } };
}

// ---------------------------------------------------------------------------------------------
// The page host's own address record: how fast the site could move to another CDN

/** What the resolvers said about the page host's address record. */
export type AddressAnswer =
  | { readonly ok: true; readonly type: AddressType; readonly ttl: number; readonly target?: string }
  | { readonly ok: false; readonly failure: DnsFailure };

export interface AddressLookup {
  readonly host: string;
  readonly answer: AddressAnswer;
  readonly attempts: readonly DohAttempt<AddressResult>[];
  readonly cacheable: boolean;
}

/** The page host as it may be asked about: ASCII, and not an IP address or a local name. */
export function addressTarget(view: PageView): string | undefined {
  if (lookupTargets(view.host, []).domains.length === 0) return undefined;
  const ascii = asciiHost(view.host);
  return 'host' in ascii ? ascii.host : undefined;
}

/**
 * The A query for the page's host name (its CNAME or A records answer it), at the first resolver,
 * the next one when it fails. `host` must be a name `lookupTargets` accepts (not an IP address,
 * not a local name): the caller passes the page host it already checked.
 */
export async function lookupAddress(host: string, fetcher: DohFetcher): Promise<AddressLookup> {
  const attempts = await askResolvers(fetcher, host, 'A', (body) => parseAddress(body, host));
  let answer: AddressAnswer | undefined;
  for (const a of attempts) {
    if (a.kind !== 'answer' || !a.result.ok) continue;
    const { type, ttl, target } = a.result;
    answer = target === undefined ? { ok: true, type, ttl } : { ok: true, type, ttl, target };
    break;
  }
  const failure = answer ? undefined : summariseFailure(attempts);
  return {
    host,
    answer: answer ?? { ok: false, failure: failure ?? summariseFailure([])! },
    attempts,
    cacheable: isCacheable(attempts),
  };
}

/** Every domain at once (each on its own resolver sequence), in the order given. */
export function lookupDomains(domains: readonly string[], fetcher: DohFetcher): Promise<DomainLookup[]> {
  return Promise.all(domains.map((d) => lookupDomain(d, fetcher)));
}

/** The domains to look up for a page: its own, and those of the hosts it needs (critical, major). */
export function pageDnsTargets(
  view: PageView,
  catalog: ReadonlyMap<string, Provider> = providerById,
  impacts: readonly Impact[] = rankImpact(view, catalog),
): LookupTargets {
  return lookupTargets(view.host, criticalHosts(view, impacts));
}

/** Looks up every domain and reads the answers against the catalog. */
export async function lookupFindings(
  domains: readonly string[],
  fetcher: DohFetcher,
  catalog: readonly Provider[] = CATALOG,
): Promise<DnsFinding[]> {
  const lookups = await lookupDomains(domains, fetcher);
  return lookups.map((l) => findingOf(l.domain, l.answer, catalog));
}

/**
 * How the DNS part of a report came about: looked up `now`, read from the `cache` (last 24 h),
 * `off` in the settings, `skipped` (nothing to look up: IP address, local name), or `failed`
 * (no domain could be read: DNS unknown, with the reason per domain).
 */
export type DnsLookedUp = 'now' | 'cache' | 'ask' | 'off' | 'skipped' | 'failed';
