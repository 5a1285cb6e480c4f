import type { Translate } from '../core/i18n.ts';
import messages from './messages.json' with { type: 'json' };

/**
 * The options page's strings: the extension's locale files first (`i18n.getMessage`), then this
 * folder's messages.json in the UI language, until its keys are merged into the locale files.
 */

export type Lang = keyof typeof messages;

const TABLES: Readonly<Record<Lang, Readonly<Record<string, string>>>> = messages;

/** The messages.json language for a UI language tag (`fr-CA` → fr); English otherwise. */
export function languageOf(uiLanguage: string): Lang {
  return uiLanguage.split(/[-_]/)[0]?.toLowerCase() === 'fr' ? 'fr' : 'en';
}

function substitute(text: string, subs: readonly string[]): string {
  return text.replace(/\$(\$|[1-9])/g, (_, w: string) => (w === '$' ? '$' : (subs[Number(w) - 1] ?? '')));
}

/** `getMessage` with the JSON fallback; a key nobody knows comes back as itself. */
export function optionsTranslator(
  getMessage: (key: string, subs?: string[]) => string,
  uiLanguage: string,
): { t: Translate; lang: Lang } {
  const lang = languageOf(uiLanguage);
  const table = TABLES[lang];
  const t: Translate = (key, subs = []) => {
    let text = '';
    try {
      text = getMessage(key, [...subs]);
    } catch {
      // The API refused the key: use the table.
    }
    if (text) return text;
    const own = Object.hasOwn(table, key) ? table[key] : TABLES.en[key];
    return own === undefined ? key : substitute(own, subs);
  };
  return { t, lang };
}

/** `2026-08-16` → "16 August 2026" in the page's language; anything else as it is. */
export function formatDay(day: string, lang: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(day);
  if (!m) return day;
  const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  if (Number.isNaN(date.getTime())) return day;
  try {
    return new Intl.DateTimeFormat(lang, { dateStyle: 'long', timeZone: 'UTC' }).format(date);
  } catch {
    return day;
  }
}
