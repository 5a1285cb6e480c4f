import { ERROR_KIND_KEYS } from '../core/observe/errors.ts';
import { describeExplanation, type MessageRef } from '../core/observe/explanations.ts';
import type { ObservedPage, PageError } from '../core/observe/page.ts';
import { describeObserved, type ProviderSignal } from '../core/observe/signal.ts';
import type { ProviderView } from '../core/page/view.ts';
import type { Strings } from './i18n.ts';
import { capitalize, type SummaryLine } from './status-text.ts';

/** What this browser observed, put into words. Pure. */

function text(s: Strings, ref: MessageRef): string {
  return s.t(ref.key, [...ref.subs]);
}

/** "Observed here: 14 of 20 requests to Cloudflare-served sites failed in 5 min, across 4 sites." */
export function observedText(s: Strings, signal: ProviderSignal, providerName: string): string {
  const rules = new Intl.PluralRules(s.locale);
  return text(s, describeObserved(signal, providerName, { plural: (n) => rules.select(n), num: s.num }));
}

/** "Cloudflare: failing here — 14 of 20 requests failed in 5 min across 4 sites" (badge wording). */
export function failingHereText(s: Strings, signal: ProviderSignal, providerName: string): string {
  return s.t('badgeTitleFailingHere', [
    providerName,
    s.num(signal.failed),
    s.num(signal.requests),
    s.num(signal.windowMinutes),
    s.num(signal.failingSites),
  ]);
}

/**
 * Summary lines for the page's providers failing here, in page order. Shown as red as a partial
 * outage: the page is visibly broken for this user, whatever the status page says.
 */
export function observedLines(
  s: Strings,
  observed: ObservedPage | undefined,
  providers: readonly ProviderView[],
): SummaryLine[] {
  if (!observed || observed.local === 'connection_problem') return [];
  return providers.flatMap((p) => {
    const signal = Object.hasOwn(observed.providers, p.id) ? observed.providers[p.id] : undefined;
    if (signal?.state !== 'failing_here') return [];
    return [
      { providerId: p.id, level: 'partial_outage', text: failingHereText(s, signal, p.name), observed: true },
    ];
  });
}

/** The parts of one error of the page: head ("HTTP 522 via Cloudflare (CDG):"), body, how often. */
export function errorParts(
  s: Strings,
  error: PageError,
  providerName: string | undefined,
): { readonly head: string; readonly body?: string; readonly seen: string } {
  const rules = new Intl.PluralRules(s.locale);
  const seen =
    rules.select(error.n) === 'one'
      ? s.t('errorSeenOne', [error.host])
      : s.t('errorSeenOther', [s.num(error.n), error.host]);
  if (error.error !== undefined) {
    return { head: capitalize(s, s.t(ERROR_KIND_KEYS[error.error])), seen };
  }
  if (error.explanation) {
    const { head, body } = describeExplanation(error.explanation, providerName);
    return { head: text(s, head), body: text(s, body), seen };
  }
  const status = String(error.status ?? '');
  const head = providerName ? s.t('explainHead', [status, providerName]) : s.t('explainHeadDirect', [status]);
  return { head, seen };
}
