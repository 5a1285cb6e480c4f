import type { ProviderSignal } from '../observe/signal.ts';
import { type ProviderStatus, SEVERITY } from '../status/model.ts';
import type { PageStatus } from '../status/relevance.ts';
import type { Verdict } from '../verdict/verdict.ts';
import type { Alert } from './incidents.ts';

/**
 * One of the user's sites as the background sees it now: an open tab's page, or a watched site
 * (no tab), with its verdict and what its providers' status pages mean for it.
 */
export interface SiteNow {
  readonly host: string;
  readonly tabId?: number | undefined;
  readonly providerName: (providerId: string) => string;
  readonly verdict: Verdict;
  readonly statuses?: readonly PageStatus[] | undefined;
}

/**
 * Whether pages behind a provider may raise an alert now, without its status changing: its status
 * page says more than operational, or sites fail through it in this browser. A page that does not
 * pass this raises no alert (`alertOf` needs one or the other), so the background need not look.
 */
export function mayAlert(status: ProviderStatus | undefined, here: ProviderSignal | undefined): boolean {
  return SEVERITY[status?.level ?? 'unknown'] > 0 || (here?.failingSites ?? 0) > 0;
}

/**
 * The alert a site raises: only a provider the verdict says is failing for it (declared for this
 * use, or seen failing here). A status page incident about another product or another datacenter
 * never makes that verdict (`core/status/relevance.ts`), so never an alert; neither does the
 * user's own connection (`own_connection` comes first in the verdict).
 */
export function alertOf(
  site: SiteNow,
  statusPageOf: (providerId: string) => string | undefined,
): Alert | undefined {
  const v = site.verdict;
  if (v.outcome !== 'provider_failing' || !v.providerId) return undefined;
  const id = v.providerId;
  const st = site.statuses?.find((s) => s.providerId === id && !s.unknown);
  const declared = v.declared === true && st !== undefined && SEVERITY[st.level] > 0;
  return {
    providerId: id,
    name: site.providerName(id),
    level: declared && st ? st.level : 'major_outage',
    title: declared ? (st?.incidents[0]?.event.title ?? st?.products[0]?.name) : undefined,
    declared,
    seenHere: v.seenHere === true,
    sites: [site.host],
    tabIds: site.tabId === undefined ? [] : [site.tabId],
    statusPage: statusPageOf(id),
  };
}

/** Every alert of the user's sites (open tabs first, so a click opens a tab before a status page). */
export function alertsOf(
  sites: readonly SiteNow[],
  statusPageOf: (providerId: string) => string | undefined,
): Alert[] {
  const ordered = [
    ...sites.filter((s) => s.tabId !== undefined),
    ...sites.filter((s) => s.tabId === undefined),
  ];
  const out: Alert[] = [];
  for (const s of ordered) {
    const a = alertOf(s, statusPageOf);
    if (a) out.push(a);
  }
  return out;
}
