import type { PageView, ProviderView } from '../page/view.ts';
import type { ProviderStatus } from '../status/model.ts';
import { pageStatuses } from '../status/page-statuses.ts';
import type { PageStatus } from '../status/relevance.ts';
import { type Verdict, verdictOf } from '../verdict/verdict.ts';

/**
 * Watched sites: a site the user asked to watch from its popup, remembered with the providers it
 * was seen on (what detection found on its page, and the providers running its DNS when the
 * resilience report looked them up). Their status feeds are polled even when no tab shows the site
 * (the same polite schedule as for open tabs), and their incidents notify and enter the history
 * like those of open tabs. Pure; the background keeps the list in `storage.local`, bounded.
 */

/** At most this many watched sites; watching one more forgets the oldest. */
export const MAX_WATCHED = 200;
/** Hosts kept per provider (what relevance reads: a bucket's region, products by host). */
const MAX_HOSTS = 12;

export interface WatchedSite {
  readonly host: string;
  readonly url: string;
  readonly addedAt: number;
  /** The providers of its page when it was watched, without their evidence. */
  readonly providers: readonly ProviderView[];
}

/** A site to watch from its page (and the DNS providers found for it, if any). */
export function watchedOf(page: PageView, dnsProviders: readonly ProviderView[], now: number): WatchedSite {
  const providers: ProviderView[] = page.providers.map((p) => ({
    ...p,
    hosts: p.hosts.slice(0, MAX_HOSTS),
    evidence: [],
  }));
  for (const d of dnsProviders)
    if (!providers.some((p) => p.id === d.id)) providers.push({ ...d, evidence: [] });
  return { host: page.host, url: page.url, addedAt: now, providers };
}

/** The list with a site watched (replacing an older watch of the same host), bounded. */
export function watch(list: readonly WatchedSite[], site: WatchedSite, max = MAX_WATCHED): WatchedSite[] {
  const out = [...list.filter((s) => s.host !== site.host), site];
  return out.slice(-max);
}

export function unwatch(list: readonly WatchedSite[], host: string): WatchedSite[] {
  return list.filter((s) => s.host !== host);
}

/** Every provider the watched sites rely on. */
export function watchedProviders(list: readonly WatchedSite[]): Set<string> {
  return new Set(list.flatMap((s) => s.providers.map((p) => p.id)));
}

/** A watched site as a page, for relevance and the verdict (nothing observed: no document outcome). */
export function watchedPage(site: WatchedSite): PageView {
  return {
    tabId: -1,
    url: site.url,
    host: site.host,
    startedAt: site.addedAt,
    updatedAt: site.addedAt,
    requests: 1,
    hostCount: 1,
    moreHosts: 0,
    unknownRequests: 0,
    unattributedHosts: [],
    providers: site.providers,
    documentIps: [],
  };
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isProvider(v: unknown): v is ProviderView {
  return (
    isRecord(v) &&
    typeof v.id === 'string' &&
    typeof v.name === 'string' &&
    typeof v.role === 'string' &&
    Array.isArray(v.pops) &&
    Array.isArray(v.hosts)
  );
}

/** A stored list back: bad entries dropped, bounded. */
export function parseWatched(v: unknown): WatchedSite[] {
  if (!Array.isArray(v)) return [];
  const out: WatchedSite[] = [];
  for (const s of v) {
    if (
      !isRecord(s) ||
      typeof s.host !== 'string' ||
      typeof s.url !== 'string' ||
      typeof s.addedAt !== 'number'
    )
      continue;
    const providers = Array.isArray(s.providers) ? s.providers.filter(isProvider) : [];
    out.push({ host: s.host, url: s.url, addedAt: s.addedAt, providers });
  }
  return out.slice(-MAX_WATCHED);
}

/** A watched site now: what its providers' status pages mean for it, and its verdict. */
export function watchedNow(
  site: WatchedSite,
  statusOf: (providerId: string) => ProviderStatus | undefined,
): { readonly page: PageView; readonly statuses: readonly PageStatus[]; readonly verdict: Verdict } {
  const page = watchedPage(site);
  const statuses = pageStatuses(page, statusOf);
  return { page, statuses, verdict: verdictOf({ page, statuses }) };
}
