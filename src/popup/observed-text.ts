import { type Phrase, say } from '../core/i18n.ts';
import { ERROR_KIND_KEYS } from '../core/observe/errors.ts';
import { describeExplanation } from '../core/observe/explanation-text.ts';
import type { PageError } from '../core/observe/page.ts';
import { describeObserved, type ProviderSignal } from '../core/observe/signal.ts';
import type { Level } from '../core/status/model.ts';
import type { Strings } from './i18n.ts';
import { capitalize } from './status-text.ts';

/** What this browser observed, put into words. Pure. */

function text(s: Strings, ref: Phrase): string {
  return say(s.t, ref);
}

/** "Observed here: 3 of 4 Cloudflare-served sites failing in the last 3 min." */
export function observedText(s: Strings, signal: ProviderSignal, providerName: string): string {
  const rules = new Intl.PluralRules(s.locale);
  return text(s, describeObserved(signal, providerName, { plural: (n) => rules.select(n), num: s.num }));
}

/** The parts of one error of the page: head ("HTTP 522 via Cloudflare (CDG):"), body, how often. */
export function errorParts(
  s: Strings,
  error: PageError,
  providerName: string | undefined,
  /** What the provider's status page reports for this page (see `describeExplanation`). */
  reported?: Level,
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
    const { head, body } = describeExplanation(error.explanation, providerName, reported);
    return { head: text(s, head), body: text(s, body), seen };
  }
  const status = String(error.status ?? '');
  const head = providerName ? s.t('explainHead', [status, providerName]) : s.t('explainHeadDirect', [status]);
  return { head, seen };
}
