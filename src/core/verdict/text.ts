import { localeOf, type Phrase, say, type Translate } from '../i18n.ts';
import { LEVEL_KEYS } from '../levels.ts';
import { describeObserved, LOCAL_WINDOW_MS } from '../observe/signal.ts';
import type { Evidence, Verdict } from './verdict.ts';

/** A verdict in words, in the language of `t`: its sentence and each piece of its evidence. */

export function verdictSentence(t: Translate, verdict: Verdict): string {
  return say(t, verdict.sentence);
}

/** One piece of evidence as a phrase. */
export function evidencePhrase(t: Translate, e: Evidence): Phrase {
  switch (e.kind) {
    case 'document':
      return e.body ? { key: 'verdictEvidencePair', subs: [e.head, e.body] } : e.head;
    case 'declared':
    case 'reported':
      return e.title
        ? { key: 'badgeTitleIncident', subs: [e.name, { key: LEVEL_KEYS[e.level], subs: [] }, e.title] }
        : { key: 'badgeTitleState', subs: [e.name, { key: LEVEL_KEYS[e.level], subs: [] }] };
    case 'status_calm':
      return { key: 'verdictEvidenceCalm', subs: [e.name] };
    case 'observed': {
      const locale = localeOf(t);
      const rules = new Intl.PluralRules(locale);
      const format = new Intl.NumberFormat(locale);
      return describeObserved(e.signal, e.name, {
        plural: (n) => rules.select(n),
        num: (n) => format.format(n),
      });
    }
    default:
      return { key: 'verdictEvidenceConnection', subs: [String(LOCAL_WINDOW_MS / 60_000)] };
  }
}

export function evidenceText(t: Translate, e: Evidence): string {
  return say(t, evidencePhrase(t, e));
}
