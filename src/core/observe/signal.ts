import type { MessageRef } from './explanations.ts';
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
 * Span the signal looks at. Long enough to see a handful of sites when browsing normally, short
 * enough that a recovered incident stops being reported within minutes.
 */
export const FAILING_WINDOW_MS = 5 * 60_000;
/**
 * Distinct customer sites (registrable domains of the request hosts, private suffixes included)
 * that must fail before a provider is suspected. Two can be a coincidence or one company's two
 * domains; three independent customers failing together is a pattern.
 */
export const MIN_FAILING_SITES = 3;
/**
 * Share of the provider's requests (those not explained as the sites' own errors) that must have
 * failed. Under half, the provider is visibly serving most of what is asked of it.
 */
export const MIN_FAILURE_RATIO = 0.5;
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

export interface ProviderSignal {
  readonly state: ProviderState;
  /**
   * For `insufficient`: `connection` (the whole browser is failing) or `no_comparison` (the
   * provider's sites fail, but nothing else loaded to rule out the user's connection).
   */
  readonly reason?: 'connection' | 'no_comparison';
  /** Distinct customer sites it served in the window. */
  readonly sites: number;
  /** Sites with failures charged to the provider. */
  readonly failingSites: number;
  /** Sites with any failure, including those explained as the site's own. */
  readonly problemSites: number;
  readonly requests: number;
  /** Failures charged to the provider (network errors, its own or unexplained 5xx). */
  readonly failed: number;
  /** Failures the explanation table blames on the site. */
  readonly siteFailed: number;
  readonly windowMinutes: number;
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

interface Acc {
  requests: number;
  failed: number;
  siteFailed: number;
  sites: Set<string>;
  failingSites: Set<string>;
  problemSites: Set<string>;
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

/** The cross-site signal at `now`. Pure; reads the window without changing it. */
export function signal(window: ObservationWindow, now: number): Signal {
  const local = localState(window, now);
  const acc = new Map<string, Acc>();
  const get = (id: string): Acc => {
    let a = acc.get(id);
    if (!a) {
      a = {
        requests: 0,
        failed: 0,
        siteFailed: 0,
        sites: new Set(),
        failingSites: new Set(),
        problemSites: new Set(),
      };
      acc.set(id, a);
    }
    return a;
  };
  const working: (readonly string[])[] = [];

  for (const b of window.buckets) {
    if (!inSpan(b, now, FAILING_WINDOW_MS)) continue;
    let total = b.ok;
    for (const t of b.failures) total += t.n;
    for (const id of b.providers) {
      const a = get(id);
      a.requests += total;
      a.sites.add(b.hostSite);
    }
    if (b.ok > 0) working.push(b.providers);
    for (const t of b.failures) {
      const { charged, siteOf } = chargeFailure(b.providers, t.failure);
      for (const id of charged) {
        const a = get(id);
        a.failed += t.n;
        a.failingSites.add(b.hostSite);
        a.problemSites.add(b.hostSite);
      }
      for (const id of siteOf) {
        const a = get(id);
        a.siteFailed += t.n;
        a.problemSites.add(b.hostSite);
      }
    }
  }

  const windowMinutes = FAILING_WINDOW_MS / 60_000;
  const perProvider: Record<string, ProviderSignal> = {};
  for (const [id, a] of acc) {
    const counts = {
      sites: a.sites.size,
      failingSites: a.failingSites.size,
      problemSites: a.problemSites.size,
      requests: a.requests,
      failed: a.failed,
      siteFailed: a.siteFailed,
      windowMinutes,
    };
    const judged = a.requests - a.siteFailed;
    const pattern =
      a.failingSites.size >= MIN_FAILING_SITES && judged > 0 && a.failed / judged >= MIN_FAILURE_RATIO;
    let state: ProviderState;
    let reason: ProviderSignal['reason'];
    if (local === 'connection_problem') {
      state = 'insufficient';
      reason = 'connection';
    } else if (pattern) {
      // Not the user's connection: something not served by this provider worked meanwhile.
      const otherWorks = working.some((chain) => !chain.includes(id));
      state = otherWorks ? 'failing_here' : 'insufficient';
      if (!otherWorks) reason = 'no_comparison';
    } else {
      state = a.problemSites.size > 0 ? 'site_problem' : 'ok';
    }
    perProvider[id] = reason ? { state, reason, ...counts } : { state, ...counts };
  }
  return { perProvider, local };
}

/** Providers observed failing here, most failures first. */
export function failingHere(sig: Signal): string[] {
  return Object.entries(sig.perProvider)
    .filter(([, s]) => s.state === 'failing_here')
    .sort((a, b) => b[1].failed - a[1].failed || a[0].localeCompare(b[0]))
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
 * substitutions, always in the same order: $1 failed requests, $2 requests, $3 provider name,
 * $4 window in minutes, $5 sites (failing ones, or all for `ok`).
 */
export function describeObserved(
  s: ProviderSignal,
  providerName: string,
  options: DescribeOptions = {},
): MessageRef {
  const plural = options.plural ?? ((n: number) => (n === 1 ? 'one' : 'other'));
  const num = options.num ?? ((n: number) => String(n));
  const form = (n: number) => (plural(n) === 'one' ? 'One' : 'Other');
  const subs = (failed: number, sites: number) => [
    num(failed),
    num(s.requests),
    providerName,
    num(s.windowMinutes),
    num(sites),
  ];
  switch (s.state) {
    case 'failing_here':
      return { key: 'observedFailingHere', subs: subs(s.failed, s.failingSites) };
    case 'site_problem':
      // Enough failing sites, but most of the provider's requests worked: say that, rather than
      // "too few sites".
      return {
        key:
          s.failingSites >= MIN_FAILING_SITES
            ? 'observedSiteProblemRatio'
            : `observedSiteProblem${form(s.problemSites)}`,
        subs: subs(s.failed + s.siteFailed, s.problemSites),
      };
    case 'insufficient':
      return s.reason === 'connection'
        ? { key: 'observedConnection', subs: subs(s.failed, s.failingSites) }
        : { key: 'observedNoComparison', subs: subs(s.failed, s.failingSites) };
    default:
      return { key: `observedOk${form(s.requests)}`, subs: subs(0, s.sites) };
  }
}

/** The browser-wide line, when the user's own connection looks like the problem. */
export function describeLocal(local: LocalState): MessageRef | undefined {
  return local === 'connection_problem' ? { key: 'localConnectionProblem', subs: [] } : undefined;
}
