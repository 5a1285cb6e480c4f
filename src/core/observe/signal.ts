import type { MessageRef } from './explanation-text.ts';
import { BUCKET_MS } from './spans.ts';
import type { Failure } from './types.ts';
import type { Bucket, ObservationWindow } from './window.ts';

/**
 * "Is it them or the site?" — the cross-site signal computed from the observation window.
 *
 * A provider is *failing here* when several of its customers fail for this browser at once while
 * other traffic still works. One customer failing is that customer's problem; everything failing
 * is the user's own connection. Errors whose meaning blames the site (Cloudflare 521/522…) never
 * count against the provider.
 */

/**
 * How long a site's latest outcome counts. A failing site that is not visited again stops
 * counting after this, so a warning clears within a few minutes of the outage ending even when
 * nothing is reloaded; a person browsing during an outage meets three failing sites well within it.
 */
export const SITE_SPAN_MS = 3 * 60_000;
/**
 * Distinct customer sites (registrable domains of the request hosts, private suffixes included)
 * whose latest outcome is a failure charged to the provider before it is suspected. Two can be a
 * coincidence or one company's two domains; three independent customers failing together is a
 * pattern.
 */
export const MIN_FAILING_SITES = 3;
/**
 * Share of the provider's judged sites that must be failing. Judged: the failing ones and those
 * that answered fine *since the failures began*; a site that worked before the outage says
 * nothing about now, so healthy browsing a few minutes earlier does not hide it. Under half, the
 * provider is visibly serving most of its sites here.
 */
export const MIN_FAILING_SHARE = 0.5;
/**
 * A site's outcome is that of its latest visit, which begins at the site's latest top-level
 * document: a reload that fails a second after a healthy load counts as failing, one that works
 * after a failure as working. Without a newer document (a page left open, a site reached only as a
 * third party), what a site answered more than this before its latest request gives way to the
 * newer, even within the same minute's tally: a page whose requests start failing is judged on its
 * last few seconds.
 */
export const VISIT_MS = 5_000;
/**
 * Span for the "your own connection" check: a lost connection is a recent event and traffic from
 * before it should not dilute it.
 */
export const LOCAL_WINDOW_MS = 2 * 60_000;
/** Distinct sites whose requests must fail at the network level for a connection problem. */
export const LOCAL_MIN_SITES = 3;
/** Share of all recent requests that must have failed at the network level. */
export const LOCAL_FAILURE_RATIO = 0.9;

export type ProviderState = 'ok' | 'failing_here' | 'site_problem' | 'insufficient';

/** What a site's latest visit through a provider came to, for that provider. */
export type SiteOutcome = 'failing' | 'site_error' | 'ok';

export interface ProviderSignal {
  readonly state: ProviderState;
  /**
   * For `insufficient`: `connection` (the whole browser is failing) or `no_comparison` (the
   * provider's sites fail, but nothing else answered since they began to rule out the user’s connection).
   */
  readonly reason?: 'connection' | 'no_comparison';
  /** Customer sites whose latest outcome through the provider is within `SITE_SPAN_MS`. */
  readonly sites: number;
  /** Of those, sites whose latest visit failed because of the provider. */
  readonly failingSites: number;
  /** Sites whose latest visit got an error the table blames on the site itself (its own server). */
  readonly siteErrorSites: number;
  /** Sites whose latest visit worked. */
  readonly okSites: number;
  /** Of `okSites`, those that answered since the failures began: the ones judged against them. */
  readonly healthySites: number;
  /** When the counted failures began (the earliest latest-failure of a failing site), epoch ms. */
  readonly failingSince?: number;
  /** Latest failure charged to the provider, epoch ms. */
  readonly lastFailureAt?: number;
  readonly spanMinutes: number;
}

export type LocalState = 'ok' | 'connection_problem';

export interface Signal {
  readonly perProvider: Readonly<Record<string, ProviderSignal>>;
  readonly local: LocalState;
}

/**
 * Which providers a failure counts against, and which it merely shows a site problem for.
 * - network errors (no answer at all): the edge, which owns the connection; `offline` (the
 *   user's own network) against nobody;
 * - a 5xx the table blames on the provider: that provider;
 * - an unexplained 5xx: the innermost known layer (an edge that fails itself usually says so
 *   with its own error page; an error relayed from behind it belongs to what is behind);
 * - a 5xx blamed on the site: nobody; it is a site problem for the provider it came through.
 */
export function chargeFailure(
  providers: readonly string[],
  failure: Failure,
): { readonly charged: readonly string[]; readonly siteOf: readonly string[] } {
  if (providers.length === 0) return { charged: [], siteOf: [] };
  if (failure.kind === 'network') {
    return { charged: failure.error === 'offline' ? [] : [providers[0]!], siteOf: [] };
  }
  const by = failure.by && providers.includes(failure.by) ? failure.by : undefined;
  if (failure.blame === 'site') return { charged: [], siteOf: by ? [by] : providers };
  if (failure.blame === 'provider') return { charged: [by ?? providers[0]!], siteOf: [] };
  return { charged: [providers[providers.length - 1]!], siteOf: [] };
}

function inSpan(bucket: Bucket, now: number, span: number): boolean {
  return bucket.minute + BUCKET_MS > now - span && bucket.minute <= now;
}

function localState(window: ObservationWindow, now: number): LocalState {
  let total = 0;
  let netFailed = 0;
  let lastAnswer = 0;
  let lastNetFail = 0;
  let lastOffline = 0;
  const netSites = new Set<string>();
  for (const b of window.buckets) {
    if (!inSpan(b, now, LOCAL_WINDOW_MS)) continue;
    total += b.ok;
    if (b.ok > 0) lastAnswer = Math.max(lastAnswer, b.okAt);
    for (const t of b.failures) {
      total += t.n;
      if (t.failure.kind === 'http') {
        // Any HTTP answer, even an error, proves the connection works.
        lastAnswer = Math.max(lastAnswer, t.at);
        continue;
      }
      netFailed += t.n;
      netSites.add(b.hostSite);
      lastNetFail = Math.max(lastNetFail, t.at);
      if (t.failure.error === 'offline') lastOffline = Math.max(lastOffline, t.at);
    }
  }
  // The browser itself said it is offline, and nothing answered since.
  if (lastOffline > lastAnswer) return 'connection_problem';
  if (
    total > 0 &&
    netSites.size >= LOCAL_MIN_SITES &&
    netFailed / total >= LOCAL_FAILURE_RATIO &&
    lastNetFail > lastAnswer
  ) {
    return 'connection_problem';
  }
  return 'ok';
}

/** One site's latest requests through one provider, as counted for that provider. */
interface SiteTally {
  /** Start of the site's latest visit: what it answered before is not counted. */
  start: number;
  ok: number;
  okAt: number;
  failed: number;
  failedAt: number;
  /** Of `failed`, HTTP error answers (the provider's servers answered). */
  failedHttp: number;
  siteErr: number;
  siteErrAt: number;
}

/** What one bucket holds for one provider: worked, failed because of it, failed as the site's own. */
interface Part {
  readonly ok: number;
  readonly okAt: number;
  readonly failed: number;
  readonly failedAt: number;
  readonly failedHttp: number;
  readonly siteErr: number;
  readonly siteErrAt: number;
}

function partOf(bucket: Bucket, providerId: string): Part {
  let failed = 0;
  let failedAt = 0;
  let failedHttp = 0;
  let siteErr = 0;
  let siteErrAt = 0;
  for (const t of bucket.failures) {
    const { charged, siteOf } = chargeFailure(bucket.providers, t.failure);
    if (charged.includes(providerId)) {
      failed += t.n;
      failedAt = Math.max(failedAt, t.at);
      if (t.failure.kind === 'http') failedHttp += t.n;
    } else if (siteOf.includes(providerId)) {
      siteErr += t.n;
      siteErrAt = Math.max(siteErrAt, t.at);
    }
    // Otherwise charged to another layer of the chain (an origin platform behind this edge):
    // neither a success nor a failure of this provider.
  }
  return {
    ok: bucket.ok,
    okAt: bucket.ok > 0 ? bucket.okAt : 0,
    failed,
    failedAt,
    failedHttp,
    siteErr,
    siteErrAt,
  };
}

function latestOf(p: Part): number {
  return Math.max(p.okAt, p.failedAt, p.siteErrAt);
}

/**
 * The outcome of a site's latest visit: among what it answered since the visit's start, the kind
 * with the most requests (a tie counts as failing, then as the site's error). Within one minute's
 * tally, a kind whose latest time is before the start gives way to the newer.
 */
export function outcomeOf(t: SiteTally): SiteOutcome | undefined {
  const recent = (n: number, at: number) => n > 0 && at >= t.start;
  const failed = recent(t.failed, t.failedAt) ? t.failed : 0;
  const siteErr = recent(t.siteErr, t.siteErrAt) ? t.siteErr : 0;
  const ok = recent(t.ok, t.okAt) ? t.ok : 0;
  if (failed === 0 && siteErr === 0 && ok === 0) return undefined;
  if (failed >= siteErr && failed >= ok) return 'failing';
  if (siteErr >= ok) return 'site_error';
  return 'ok';
}

/**
 * The cross-site signal at `now`. Pure; reads the window without changing it. Sites are judged,
 * not requests: each customer site of a provider counts once, with the outcome of its latest
 * visit, so a healthy page of fifty requests weighs no more than an error page of one.
 */
export function signal(window: ObservationWindow, now: number): Signal {
  const local = localState(window, now);
  const since = now - SITE_SPAN_MS;
  const recent = window.buckets.filter((b) => inSpan(b, now, SITE_SPAN_MS));

  // Per site: its latest top-level document, where its latest visit began.
  const documentAt = new Map<string, number>();
  for (const b of recent) {
    if (b.docAt > 0) documentAt.set(b.hostSite, Math.max(documentAt.get(b.hostSite) ?? 0, b.docAt));
  }
  // Per provider, per site: the time of the latest request, then the tally of its latest visit.
  const latest = new Map<string, Map<string, number>>();
  const parts: { bucket: Bucket; id: string; part: Part }[] = [];
  for (const b of recent) {
    for (const id of b.providers) {
      const part = partOf(b, id);
      const at = latestOf(part);
      if (at === 0) continue;
      parts.push({ bucket: b, id, part });
      let sites = latest.get(id);
      if (!sites) {
        sites = new Map();
        latest.set(id, sites);
      }
      sites.set(b.hostSite, Math.max(sites.get(b.hostSite) ?? 0, at));
    }
  }
  const tallies = new Map<string, Map<string, SiteTally>>();
  for (const { bucket, id, part } of parts) {
    const siteLatest = latest.get(id)!.get(bucket.hostSite)!;
    const start = Math.max(documentAt.get(bucket.hostSite) ?? 0, siteLatest - VISIT_MS);
    if (siteLatest < since || latestOf(part) < start) continue;
    let sites = tallies.get(id);
    if (!sites) {
      sites = new Map();
      tallies.set(id, sites);
    }
    let t = sites.get(bucket.hostSite);
    if (!t) {
      t = {
        start,
        ok: 0,
        okAt: 0,
        failed: 0,
        failedAt: 0,
        failedHttp: 0,
        siteErr: 0,
        siteErrAt: 0,
      };
      sites.set(bucket.hostSite, t);
    }
    t.ok += part.ok;
    t.okAt = Math.max(t.okAt, part.okAt);
    t.failed += part.failed;
    t.failedAt = Math.max(t.failedAt, part.failedAt);
    t.failedHttp += part.failedHttp;
    t.siteErr += part.siteErr;
    t.siteErrAt = Math.max(t.siteErrAt, part.siteErrAt);
  }

  // What answered recently, and when: "something else works", the user's connection included.
  const working = recent.filter((b) => b.ok > 0 && b.okAt >= since);

  const spanMinutes = SITE_SPAN_MS / 60_000;
  const perProvider: Record<string, ProviderSignal> = {};
  for (const [id, sites] of tallies) {
    const failing: number[] = [];
    const ok: number[] = [];
    let siteErrorSites = 0;
    let answered = false;
    for (const t of sites.values()) {
      const outcome = outcomeOf(t);
      if (outcome === 'failing') {
        failing.push(t.failedAt);
        if (t.failedHttp > 0) answered = true;
      }
      if (outcome === 'site_error') siteErrorSites++;
      else if (outcome === 'ok') ok.push(t.okAt);
    }
    const failingSince = failing.length > 0 ? Math.min(...failing) : undefined;
    const lastFailureAt = failing.length > 0 ? Math.max(...failing) : undefined;
    const healthySites =
      failingSince === undefined ? ok.length : ok.filter((at) => at >= failingSince).length;
    const judged = failing.length + healthySites;
    const pattern =
      failing.length >= MIN_FAILING_SITES && judged > 0 && failing.length / judged >= MIN_FAILING_SHARE;
    let state: ProviderState;
    let reason: ProviderSignal['reason'];
    if (local === 'connection_problem') {
      state = 'insufficient';
      reason = 'connection';
    } else if (pattern) {
      // Not the user's connection: the provider's own servers answered with the errors, or
      // something not served by it answered since they began. What answered before says nothing
      // about now: a connection that just dropped fails everything, and the sites it loaded a
      // minute earlier would otherwise pass for "other traffic still works".
      const otherWorks =
        answered || working.some((b) => b.okAt >= (failingSince ?? 0) && !b.providers.includes(id));
      state = otherWorks ? 'failing_here' : 'insufficient';
      if (!otherWorks) reason = 'no_comparison';
    } else {
      state = failing.length + siteErrorSites > 0 ? 'site_problem' : 'ok';
    }
    perProvider[id] = {
      state,
      ...(reason ? { reason } : {}),
      sites: failing.length + ok.length + siteErrorSites,
      failingSites: failing.length,
      siteErrorSites,
      okSites: ok.length,
      healthySites,
      ...(failingSince !== undefined ? { failingSince, lastFailureAt } : {}),
      spanMinutes,
    };
  }
  return { perProvider, local };
}

/** Providers observed failing here, most failing sites first. */
export function failingHere(sig: Signal): string[] {
  return Object.entries(sig.perProvider)
    .filter(([, s]) => s.state === 'failing_here')
    .sort((a, b) => b[1].failingSites - a[1].failingSites || a[0].localeCompare(b[0]))
    .map(([id]) => id);
}

export interface DescribeOptions {
  /** Plural category of a number in the language of the messages (`Intl.PluralRules#select`). */
  readonly plural?: (n: number) => string;
  /** Number formatting in the language of the messages. */
  readonly num?: (n: number) => string;
}

/**
 * The popup's one-line summary of what was observed for a provider, as an i18n key plus
 * substitutions, always in the same order: $1 failing sites, $2 sites judged (failing + those
 * that answered since), $3 provider name, $4 span in minutes, $5 sites that worked, $6 sites with
 * errors (failing or their own).
 */
export function describeObserved(
  s: ProviderSignal,
  providerName: string,
  options: DescribeOptions = {},
): MessageRef {
  const plural = options.plural ?? ((n: number) => (n === 1 ? 'one' : 'other'));
  const num = options.num ?? ((n: number) => String(n));
  const form = (n: number) => (plural(n) === 'one' ? 'One' : 'Other');
  const withErrors = s.failingSites + s.siteErrorSites;
  const subs = [
    num(s.failingSites),
    num(s.failingSites + s.healthySites),
    providerName,
    num(s.spanMinutes),
    num(s.okSites),
    num(withErrors),
  ];
  switch (s.state) {
    case 'failing_here':
      return { key: 'observedFailingHere', subs };
    case 'site_problem':
      // Enough failing sites, but more answered since: say that, rather than "too few sites".
      return {
        key:
          s.failingSites >= MIN_FAILING_SITES
            ? 'observedSiteProblemShare'
            : `observedSiteProblem${form(withErrors)}`,
        subs,
      };
    case 'insufficient':
      return s.reason === 'connection'
        ? { key: 'observedConnection', subs }
        : { key: 'observedNoComparison', subs };
    default:
      return { key: `observedOk${form(s.okSites)}`, subs };
  }
}

/** The browser-wide line, when the user's own connection looks like the problem. */
export function describeLocal(local: LocalState): MessageRef | undefined {
  return local === 'connection_problem' ? { key: 'localConnectionProblem', subs: [] } : undefined;
}
