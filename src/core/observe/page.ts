import type { Explanation } from './explanations.ts';
import type { LocalState, ProviderSignal, Signal } from './signal.ts';
import type { ErrorKind } from './types.ts';

/**
 * What one page saw go wrong, for the popup: its recent error responses with their explanation
 * and its network errors, plus the cross-site signal of the providers it uses. Plain JSON.
 */

/** Distinct errors kept per page (same host, same error = one entry with a count). */
export const MAX_PAGE_ERRORS = 20;

/** Network error kinds that are recorded (cancellations and blocks never are). */
export type CountedErrorKind = Exclude<ErrorKind, 'aborted' | 'blocked'>;

export interface PageError {
  readonly host: string;
  /** Provider the error is shown under: the explanation's provider, else the edge. */
  readonly providerId?: string | undefined;
  /** HTTP status code; absent for a network error. */
  readonly status?: number | undefined;
  /** Meaning of an HTTP error, from the explanation table. */
  readonly explanation?: Explanation | undefined;
  /** Kind of a network error (no answer at all). */
  readonly error?: CountedErrorKind | undefined;
  /** How many times it happened. */
  n: number;
  /** Latest time (epoch ms). */
  at: number;
}

/** The errors of one tab's current page. */
export interface PageErrors {
  /** Identity of the page they belong to (its record's `startedAt`). */
  readonly page: number;
  errors: PageError[];
}

function sameError(a: PageError, b: Omit<PageError, 'n' | 'at'>): boolean {
  return (
    a.host === b.host &&
    a.providerId === b.providerId &&
    a.status === b.status &&
    a.error === b.error &&
    a.explanation?.id === b.explanation?.id &&
    a.explanation?.detail === b.explanation?.detail &&
    a.explanation?.pop === b.explanation?.pop
  );
}

/** Adds one error (in place); beyond the cap, the least recently seen entry goes. */
export function addPageError(errors: PageError[], entry: Omit<PageError, 'n' | 'at'>, at: number): void {
  const same = errors.find((e) => sameError(e, entry));
  if (same) {
    same.n++;
    same.at = Math.max(same.at, at);
    return;
  }
  if (errors.length >= MAX_PAGE_ERRORS) {
    let oldest = 0;
    for (let i = 1; i < errors.length; i++) if (errors[i]!.at < errors[oldest]!.at) oldest = i;
    errors.splice(oldest, 1);
  }
  const clean: PageError = { host: entry.host, n: 1, at };
  if (entry.providerId !== undefined) Object.assign(clean, { providerId: entry.providerId });
  if (entry.status !== undefined) Object.assign(clean, { status: entry.status });
  if (entry.explanation !== undefined) Object.assign(clean, { explanation: entry.explanation });
  if (entry.error !== undefined) Object.assign(clean, { error: entry.error });
  errors.push(clean);
}

/** What the popup gets about observed failures for one page. */
export interface ObservedPage {
  /** Browser-wide: `connection_problem` when the user's own connection looks like the cause. */
  readonly local: LocalState;
  /** Cross-site signal of the page's providers seen in the window (others are left out). */
  readonly providers: Readonly<Record<string, ProviderSignal>>;
  /** This page's errors, most recent first. */
  readonly errors: readonly PageError[];
}

export function observedPage(
  sig: Signal,
  providerIds: readonly string[],
  errors: readonly PageError[],
): ObservedPage {
  const providers: Record<string, ProviderSignal> = {};
  for (const id of providerIds) {
    const s = Object.hasOwn(sig.perProvider, id) ? sig.perProvider[id] : undefined;
    if (s) providers[id] = s;
  }
  const sorted = [...errors].sort((a, b) => b.at - a.at);
  return { local: sig.local, providers, errors: sorted };
}

/**
 * The per-provider states as a comparable string: badges are recomputed only when it changes.
 * Providers in the `ok` state are left out, so a provider merely appearing changes nothing.
 */
export function signalKey(sig: Signal): string {
  // What the verdicts and their tooltips read of a provider that is not plainly ok: its state,
  // its failing sites ("3 of 4 sites…") and whether other sites of it answered. A change of any
  // re-badges the tabs (at most once per check).
  const states = Object.entries(sig.perProvider)
    .filter(([, s]) => s.state !== 'ok')
    .map(([id, s]) => {
      const counts = `${s.failingSites}/${s.failingSites + s.healthySites}/${s.siteErrorSites}/${Math.min(s.okSites, 1)}`;
      return `${id}=${s.state}${s.reason ? `/${s.reason}` : ''}:${counts}`;
    })
    .sort();
  return `${sig.local};${states.join(',')}`;
}
