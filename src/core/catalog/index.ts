import { COMPANIES, type Company } from './companies.ts';
import { CDN_PROVIDERS } from './providers/cdn.ts';
import { DNS_PROVIDERS } from './providers/dns.ts';
import { CLOUD_PROVIDERS, HOSTING_PROVIDERS } from './providers/hosting.ts';
import { SECURITY_PROVIDERS } from './providers/security.ts';
import { SERVICE_PROVIDERS } from './providers/services.ts';
import { STORAGE_PROVIDERS } from './providers/storage.ts';
import type { FeedSource, Provider, StatusRelevance } from './types.ts';

export type { Company, Headquarters, KnownHeadquarters, UnknownHeadquarters } from './companies.ts';
export { EU_MEMBERS, inEu, REGIMES, type Regime, regimeOf } from './jurisdictions.ts';
export type {
  Blame,
  Category,
  ErrorMeaning,
  FeedKind,
  FeedSource,
  GateFunction,
  HeaderCondition,
  HeaderRule,
  HostProducts,
  HostRule,
  LiveStatus,
  LocationScheme,
  NoLiveStatus,
  PopRule,
  Provider,
  Role,
  ServiceFunction,
  ServiceKind,
  StatusRelevance,
  Strength,
} from './types.ts';

/**
 * The whole catalog, in priority order: edges first (CDNs, then WAF proxies), then the platforms
 * behind them (hosting, object stores, then general-purpose clouds), then third-party services and
 * DNS-only entries. When several edge providers (or, without any, several platforms) match one
 * response and none owns the server IP, the earliest wins.
 */
export const CATALOG: readonly Provider[] = [
  ...CDN_PROVIDERS,
  ...SECURITY_PROVIDERS,
  ...HOSTING_PROVIDERS,
  ...STORAGE_PROVIDERS,
  ...CLOUD_PROVIDERS,
  ...SERVICE_PROVIDERS,
  ...DNS_PROVIDERS,
];

export const providerById: ReadonlyMap<string, Provider> = new Map(CATALOG.map((p) => [p.id, p]));

/** The provider's live-status feed, when it has one. */
export function statusSourceOf(p: Provider): FeedSource | undefined {
  return p.status && 'source' in p.status ? p.status.source : undefined;
}

/** Which status-page components matter to a page using the provider (undefined: all of them). */
export function statusRelevanceOf(providerId: string): StatusRelevance | undefined {
  const status = providerById.get(providerId)?.status;
  return status && 'source' in status ? status.relevance : undefined;
}

/** Provider id → live-status feed, for every provider that has one. */
export const STATUS_SOURCES: Readonly<Record<string, FeedSource>> = Object.fromEntries(
  CATALOG.flatMap((p) => {
    const source = statusSourceOf(p);
    return source ? [[p.id, source] as const] : [];
  }),
);

/** The company that runs a catalog provider (undefined for an id the catalog does not hold). */
export function companyOf(providerId: string): (Company & { readonly id: string }) | undefined {
  const id = providerById.get(providerId)?.company;
  const company = id === undefined ? undefined : COMPANIES[id];
  return id !== undefined && company ? { id, ...company } : undefined;
}

/** Finds the provider that runs a nameserver, among the providers of one catalog. */
export type NameserverMatcher = (nameserver: string) => Provider | undefined;

const matchers = new WeakMap<readonly Provider[], NameserverMatcher>();

/**
 * The DNS provider behind a nameserver hostname (`jessica.ns.cloudflare.com.` → cloudflare) among
 * `catalog`'s entries: by label-boundary suffix (longest first), then by the few providers whose
 * NS names need a pattern (in catalog order). A suffix belongs to one entry (a catalog test).
 */
export function nameserverMatcher(catalog: readonly Provider[]): NameserverMatcher {
  const cached = matchers.get(catalog);
  if (cached) return cached;
  const suffixes = new Map<string, Provider>();
  for (const p of catalog) {
    for (const s of p.nameservers ?? []) if (!suffixes.has(s)) suffixes.set(s, p);
  }
  const patterns = catalog.filter((p) => p.nameserverPattern);
  const match: NameserverMatcher = (nameserver) => {
    if (typeof nameserver !== 'string') return undefined;
    let host = nameserver.trim().toLowerCase();
    if (host.endsWith('.')) host = host.slice(0, -1);
    if (!host || host.length > 253) return undefined;
    let dot = -1;
    do {
      const hit = suffixes.get(host.slice(dot + 1));
      if (hit) return hit;
      dot = host.indexOf('.', dot + 1);
    } while (dot >= 0);
    return patterns.find((p) => p.nameserverPattern?.test(host));
  };
  matchers.set(catalog, match);
  return match;
}

/** The DNS provider behind a nameserver hostname, in the whole catalog. */
export const providerForNameserver: NameserverMatcher = nameserverMatcher(CATALOG);
