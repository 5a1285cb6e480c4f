import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { Translate } from '../core/i18n.ts';

/**
 * Localised text for the components. Plural forms are two keys, `<base>One` and `<base>Other`,
 * chosen with the plural rules of the language the messages are written in (the `locale` key of
 * each messages.json), not the browser's UI language: German UI + English fallback messages
 * must follow English rules.
 */
export interface Strings {
  readonly t: Translate;
  /** BCP 47 tag of the language the messages are written in. */
  readonly locale: string;
  /** `count('kindScript', 3)` → t('kindScriptOther', ['3']). */
  count(base: string, n: number): string;
  num(n: number): string;
  /** Joins phrases as a sentence list ("a, b and c"). */
  list(items: readonly string[]): string;
}

function safeLocale(tag: string): string {
  try {
    return Intl.getCanonicalLocales(tag)[0] ?? 'en';
  } catch {
    return 'en';
  }
}

export function strings(t: Translate): Strings {
  const locale = safeLocale(t('locale') || 'en');
  const rules = new Intl.PluralRules(locale);
  const numbers = new Intl.NumberFormat(locale);
  const lists = new Intl.ListFormat(locale, { type: 'conjunction', style: 'long' });
  const num = (n: number): string => numbers.format(n);
  return {
    t,
    locale,
    num,
    count: (base, n) => t(`${base}${rules.select(n) === 'one' ? 'One' : 'Other'}`, [num(n)]),
    list: (items) => lists.format(items),
  };
}

/**
 * `<html lang>`: the browser's UI language when the messages are in that language ("fr-CA" for
 * French messages), otherwise the language the messages fell back to.
 */
export function documentLang(uiLanguage: string, messagesLocale: string): string {
  const primary = (tag: string) => tag.split(/[-_]/)[0]!.toLowerCase();
  if (uiLanguage && primary(uiLanguage) === primary(messagesLocale)) return uiLanguage.replace('_', '-');
  return messagesLocale;
}

export const I18n = createContext<Strings>(strings((key) => key));

export function useStrings(): Strings {
  return useContext(I18n);
}
