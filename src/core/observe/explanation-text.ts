import type { Phrase } from '../i18n.ts';
import { LEVEL_KEYS } from '../levels.ts';
import { type Level, SEVERITY } from '../status/model.ts';
import type { Explanation } from './explanations.ts';

/**
 * An explanation (explanations.ts) in words. Apart from the table that finds it, and the catalog
 * under that table: the popup puts the worker's explanations into words and loads only this.
 */

/** An i18n message reference: key plus substitutions for `getMessage`. */
export interface MessageRef {
  readonly key: string;
  readonly subs: readonly string[];
}

/**
 * The two parts the popup shows for an explanation: a head ("HTTP 522 via Cloudflare (CDG):")
 * and the explanation itself ("The site's own server did not answer Cloudflare in time…").
 *
 * `reported` is what the provider's status page says about this page. When it reports an
 * outage (or degraded service), a server error through that provider is most likely part of it,
 * whatever the table says an error like it usually means: the body says that instead.
 */
export function describeExplanation(
  explanation: Explanation,
  providerName: string | undefined,
  reported?: Level,
): { readonly head: MessageRef; readonly body: Phrase } {
  const status = String(explanation.status);
  const name = providerName ?? explanation.providerId ?? '';
  const head: MessageRef = !name
    ? { key: 'explainHeadDirect', subs: [status] }
    : explanation.pop
      ? { key: 'explainHeadPop', subs: [status, name, explanation.pop] }
      : { key: 'explainHead', subs: [status, name] };
  if (
    name &&
    reported !== undefined &&
    explanation.status >= 500 &&
    SEVERITY[reported] >= SEVERITY.degraded
  ) {
    const words: Phrase = { key: LEVEL_KEYS[reported], subs: [] };
    const outage = SEVERITY[reported] >= SEVERITY.partial_outage;
    return {
      head,
      body: { key: outage ? 'errorDuringOutage' : 'errorDuringProblem', subs: [name, words, status] },
    };
  }
  const body: Phrase = {
    key: explanation.key,
    // $1 the name, $2 a captured detail, $3 the name with its article ("not an Akamai outage").
    subs: [name, explanation.detail ?? '', { articled: name }],
  };
  return { head, body };
}
